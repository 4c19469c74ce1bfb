import { discriminators } from '../../../generated/openai/discriminators';
import { vCreateEmbeddingRequest } from '../../../generated/openai/valibot.gen';
import { embed } from '../../core/embed';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import type { EmbeddingRequest } from '../../core/types';
import { validateBody } from '../../core/validate';

/** POST /v1/embeddings */
export async function createEmbeddings(ctx: RequestContext): Promise<Response> {
  const { config, request } = ctx;
  const body = validateBody<EmbeddingRequest>(vCreateEmbeddingRequest, await readJsonBody(request, config.maxBodyBytes), discriminators);
  return Response.json(await embed(ctx, config.catalog.require(body.model), body));
}
