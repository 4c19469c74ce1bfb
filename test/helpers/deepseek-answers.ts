/**
 * DeepSeek's chat completions answering each call in turn with the next text (non-streamed),
 * recording the bodies the proxy sent. The answer is DeepSeek's documented `chat.completion`.
 * @see https://api-docs.deepseek.com/api/create-chat-completion
 */
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

export function deepseekAnswers(server: SetupServer, ...texts: string[]): Array<Record<string, any>> {
  const bodies: Array<Record<string, any>> = [];
  server.use(
    http.post('https://api.deepseek.com/chat/completions', async ({ request }) => {
      bodies.push((await request.json()) as Record<string, any>);
      return HttpResponse.json({
        id: `chatcmpl-${bodies.length}`,
        object: 'chat.completion',
        created: 1,
        model: 'deepseek-chat',
        choices: [{ index: 0, message: { role: 'assistant', content: texts[bodies.length - 1] }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
      });
    }),
  );
  return bodies;
}
