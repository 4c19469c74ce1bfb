import { runtimes } from '../helpers/start-proxy';
import { vertexAnthropicSuite } from './vertex-anthropic-suite';

for (const [name, start] of runtimes) vertexAnthropicSuite(name, start);
