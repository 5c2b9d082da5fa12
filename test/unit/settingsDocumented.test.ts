import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { settingNames } from '../../src/server/config.js';

/** `.env.example` is committed, so it must never carry a value: secrets live only in the environment. */
describe('documented settings', () => {
  const example = readFileSync('.env.example', 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const entries = example.map((line) => {
    const at = line.indexOf('=');
    return { name: line.slice(0, at), value: line.slice(at + 1) };
  });

  it('lists every setting in .env.example, and nothing else', () => {
    expect(entries.map((entry) => entry.name).sort()).toEqual([...settingNames].sort());
  });

  it('commits no value in .env.example', () => {
    expect(entries.filter((entry) => entry.value.trim() !== '')).toEqual([]);
  });

  it('documents every setting in the README configuration table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const missing = settingNames.filter(
      (name) => !new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm').test(readme),
    );
    expect(missing).toEqual([]);
  });
});
