import { describe, expect, it } from 'vitest';
import { langFromEnv, messageKeys, msgIn as msgInTyped, parseLang, type Lang } from '../../pipeline/messages/index.js';

const msgIn = msgInTyped as (l: Lang, key: string, p?: unknown) => string;

/** Sample parameters: every parameter a message may read, as a string or number. */
const SAMPLE = new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? (/^(n|count|total|valid|line|col)$/.test(k) ? 3 : `‹${k}›`) : undefined) });

describe('message catalogue', () => {
  it('has a Chinese and an English text for every key; the Chinese one is Chinese', () => {
    for (const key of messageKeys()) {
      const zh = msgIn('zh-CN', key, SAMPLE as never);
      const en = msgIn('en', key, SAMPLE as never);
      expect(zh, key).not.toBe('');
      expect(en, key).not.toBe('');
      // Chinese text: either it has Chinese characters or it is only parameters and punctuation
      const words = zh.replace(/‹\w+›/g, '').replace(/jianbao|--?[a-z-]+|YAML|JSON|PDF|Excel|Ctrl-C|YYYY-MM(-DD)?|[a-z]+\.ya?ml|[A-Za-z]:/g, '');
      expect(/[a-zA-Z]{3,}/.test(words) && !/[\u4e00-\u9fff]/.test(words), `${key}: ${zh}`).toBe(false);
    }
  });

  it('picks the language from JIANBAO_LANG, then the locale; Chinese by default', () => {
    expect(langFromEnv({})).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ JIANBAO_LANG: 'zh-CN', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ JIANBAO_LANG: 'en' })).toBe('en');
    expect(parseLang('fr')).toBeUndefined();
  });
});
