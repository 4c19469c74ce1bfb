import { describe, expect, it } from 'vitest';
import { startupReport } from '../../src/runtimes/startup-report';
import { secretsOf, testEnv } from '../helpers/test-env';

describe('startupReport', () => {
  it('lists each configured provider with its model count, and prints no secret', () => {
    const report = startupReport({ ...testEnv }, 'http://127.0.0.1:8787');
    expect(report.info[0]).toBe('llm-api-proxy listening on http://127.0.0.1:8787');
    expect(report.info.find((l) => l.startsWith('  openai: '))).toMatch(/^ {2}openai: \d+ models$/);
    expect(report.info.find((l) => l.startsWith('  ollama: '))).toBe('  ollama: 3 models');
    expect(report.info.length).toBeGreaterThan(15);
    expect(report.warnings).toEqual([]);
    const printed = [...report.info, ...report.warnings].join('\n');
    for (const secret of secretsOf(testEnv)) expect(printed).not.toContain(secret);
  });

  it('counts models from <PREFIX>_MODELS, singular for one, and names the worker count', () => {
    const report = startupReport({ API_KEY: 'k', OPENAI_API_KEY: 'sk-x', OPENAI_MODELS: 'gpt-4o' }, 'http://[::1]:1', 2);
    expect(report.info).toEqual(['llm-api-proxy listening on http://[::1]:1 (2 workers)', '  openai: 1 model']);
  });

  it('warns, naming the variable, when API_KEY is unset', () => {
    const { warnings } = startupReport({ OPENAI_API_KEY: 'sk-x' }, 'http://127.0.0.1:8787');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^API_KEY is not set: every request but GET \/ will be refused/);
  });

  it('warns, naming the variables to set, when no provider is configured', () => {
    const { info, warnings } = startupReport({ API_KEY: 'k', OPENAI_API_KEY: '  ' }, 'http://127.0.0.1:8787');
    expect(info).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^No provider is configured/);
    for (const name of ['OPENAI_API_KEY', 'ANTROPIC_API_KEY', 'GOOGLE_GEN_AI_API_KEY', 'OLLAMA_BASE_URL'])
      expect(warnings[0]).toContain(name);
  });
});
