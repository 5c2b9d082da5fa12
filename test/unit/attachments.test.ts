import { describe, expect, it } from '@jest/globals';
import { attachmentError, attachmentRules, checkAttachment } from '../../src/core/attachments.js';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('attachment rules', () => {
  it.each([
    ['rapport.pdf', ascii('%PDF-1.7\n...'), 'application/pdf'],
    ['foto.PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['bild.jpg', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['bild.jpeg', bytes(0xff, 0xd8, 0xff, 0xe1), 'image/jpeg'],
    ['anim.gif', ascii('GIF89a'), 'image/gif'],
    ['iphone.heic', bytes(0, 0, 0, 0x18, ...ascii('ftypheic')), 'image/heic'],
    [
      'anteckning.docx',
      bytes(0x50, 0x4b, 0x03, 0x04, 1),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'lista.xlsx',
      bytes(0x50, 0x4b, 0x03, 0x04, 1),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['minnesanteckning.txt', ascii('Samtal med enhetschef, åäö.'), 'text/plain'],
  ])('accepts %s as %s', (name, content, mediaType) => {
    expect(checkAttachment(name, content, 0)).toEqual({ ok: true, name, mediaType });
  });

  it.each([
    ['a program renamed to pdf', 'faktura.pdf', ascii('MZ\x90\x00')],
    ['an executable', 'program.exe', ascii('MZ')],
    ['html', 'sida.html', ascii('<html>')],
    ['a zip as png', 'bild.png', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['binary as text', 'data.txt', bytes(0x41, 0, 0x42)],
    ['invalid UTF-8 as text', 'data.txt', bytes(0xc3, 0x28)],
    ['no extension', 'README', ascii('text')],
  ])('refuses %s', (_what, name, content) => {
    expect(checkAttachment(name, content, 0)).toEqual({ ok: false, reason: 'wrongType' });
  });

  it('refuses empty, too big and one too many', () => {
    expect(checkAttachment('a.txt', new Uint8Array(0), 0)).toEqual({ ok: false, reason: 'empty' });
    const big = new Uint8Array(attachmentRules.maxFileBytes + 1);
    big.set(ascii('%PDF-'));
    expect(checkAttachment('a.pdf', big, 0)).toEqual({ ok: false, reason: 'tooBig' });
    expect(checkAttachment('a.txt', ascii('x'), attachmentRules.maxFiles)).toEqual({
      ok: false,
      reason: 'tooMany',
    });
    expect(checkAttachment('a.txt', ascii('x'), attachmentRules.maxFiles - 1).ok).toBe(true);
  });

  it('keeps only the file name, never a path', () => {
    expect(checkAttachment('C:\\Users\\x\\..\\notes.txt', ascii('x'), 0)).toMatchObject({
      name: 'notes.txt',
    });
    expect(checkAttachment('../../etc/passwd.txt', ascii('x'), 0)).toMatchObject({
      name: 'passwd.txt',
    });
  });

  it('explains each refusal in Swedish and English, naming the field', () => {
    for (const reason of ['tooBig', 'wrongType', 'tooMany', 'empty'] as const) {
      const error = attachmentError(reason);
      expect(error.issues[0]?.field).toBe('attachments');
      expect(error.issues[0]?.message.sv).toMatch(/^Bilagor: /);
      expect(error.issues[0]?.message.en).toMatch(/^Attachments: /);
    }
    expect(attachmentError('tooBig').issues[0]?.message.sv).toContain('10 MB');
  });
});
