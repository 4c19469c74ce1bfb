import { runtimes } from '../helpers/start-proxy';
import { vertexAnthropicSuite } from './vertex-anthropic-suite';

for (const runtime of runtimes) vertexAnthropicSuite(runtime);
