import { parseModelList } from '../core/parse-model-list';
import { defineProvider } from '../core/provider';
import { coze } from '../families/coze';

/**
 * Coze bots: COZE_BOTS (`name=bot_id,...`) makes each bot a model `name` (and `coze/name`); the
 * bot decides its own model, tools and settings. `https://api.coze.cn` is the China site.
 * @see https://www.coze.com/docs/developer_guides/chat_v3
 */
export default defineProvider({
  id: 'coze',
  name: 'Coze',
  family: coze,
  options: {},
  env: { key: ['COZE_API_KEY'], baseUrl: ['COZE_BASE_URL'] },
  keyHint: 'COZE_API_KEY',
  defaultBaseUrl: 'https://api.coze.com',
  models: [],
  setup: (read) => {
    const bots = parseModelList(read('COZE_BOTS') ?? '');
    if (!read('COZE_API_KEY') || bots.length === 0) return null;
    return { models: bots.map((bot) => ({ id: bot.id, upstream: bot.upstream, family: 'coze' })) };
  },
});
