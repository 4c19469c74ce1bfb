import { discriminators } from '../../../generated/openai/discriminators';
import { vCreateEmbeddingRequest } from '../../../generated/openai/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import type { EmbeddingRequest } from '../../core/types';
import { validateBody } from '../../core/validate';
import { dispatchEmbed } from '../../dispatch/dispatch';

/** POST /v1/embeddings */
export async function createEmbeddings(ctx: RequestContext): Promise<Response> {
  const { config, request } = ctx;
  const body = validateBody<EmbeddingRequest>(vCreateEmbeddingRequest, await readJsonBody(request, config.maxBodyBytes), discriminators);
  const { result, headers } = await dispatchEmbed(ctx, body.model, body);
  return Response.json(result, { headers });
}
