/** Which surface a path belongs to (DESIGN section 6): dialect, where the key comes from, the path left to route. */
import { describe, expect, it } from 'vitest';
import { mountOf } from '../../src/core/mount';

describe('mountOf', () => {
  it.each([
    ['/v1/chat/completions', { dialect: 'openai', path: '/v1/chat/completions' }],
    ['/chat/completions', { dialect: 'openai', path: '/chat/completions' }],
    ['/', { dialect: 'openai', path: '/' }],
    ['/api/chat', { dialect: 'ollama', path: '/api/chat' }],
    ['/api', { dialect: 'ollama', path: '/api' }],
    ['/apix', { dialect: 'openai', path: '/apix' }],
    ['/v1/messages', { dialect: 'anthropic', path: '/v1/messages' }],
    ['/v1/messages/count_tokens', { dialect: 'anthropic', path: '/v1/messages/count_tokens' }],
    ['/v1/messagesx', { dialect: 'openai', path: '/v1/messagesx' }],
    ['/ollama/k3y/api/tags', { dialect: 'ollama', pathKey: 'k3y', path: '/api/tags' }],
    ['/ollama/k3y/v1/api/tags', { dialect: 'ollama', pathKey: 'k3y', path: '/api/tags' }],
    ['/ollama/k3y/v1/chat/completions', { dialect: 'openai', pathKey: 'k3y', path: '/v1/chat/completions' }],
    ['/ollama/k3y/v1/models/gpt-4o', { dialect: 'openai', pathKey: 'k3y', path: '/v1/models/gpt-4o' }],
    ['/ollama/k3y', { dialect: 'ollama', pathKey: 'k3y', path: '/' }],
    ['/ollama/k3y/', { dialect: 'ollama', pathKey: 'k3y', path: '/' }],
    ['/ollama//api/tags', { dialect: 'ollama', pathKey: '', path: '/api/tags' }],
    ['/ollama/a%2Fb%2B/api/tags', { dialect: 'ollama', pathKey: 'a/b+', path: '/api/tags' }],
    ['/ollama/%E0%A4%A/api/tags', { dialect: 'ollama', pathKey: '%E0%A4%A', path: '/api/tags' }],
  ])('%s', (path, mount) => {
    expect(mountOf(path)).toEqual(mount);
  });
});
