import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Attachment } from 'botbuilder';
import { incomingFiles, mayCarryBotToken } from '../../src/bot/attachments.js';
import { botStrings } from '../../src/bot/strings.js';
import { attachmentRules } from '../../src/core/attachments.js';
import { loadScenario } from '../fixtures/scenarios.js';
import {
  answerUntil,
  BotHarness,
  renderedTexts,
  startReport,
  type BotConversation,
} from '../helpers/botConversation.js';

jest.setTimeout(60_000);

const sv = botStrings('sv');
const breach = loadScenario('breach-misdirected-jobplan.json');
const pdf = Buffer.from('%PDF-1.7\nen jobbplan\n%%EOF');

/** A loopback stand-in for the SharePoint download links Teams hands the bot. */
function fileServer(): Server {
  return createServer((request, response) => {
    switch (request.url ?? '') {
      case '/jobbplan.pdf':
        response.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
        return;
      case '/program.pdf':
        response.writeHead(200).end(Buffer.from('MZ\x90\x00 not a pdf'));
        return;
      case '/stor.pdf':
        response.writeHead(200, { 'content-length': String(attachmentRules.maxFileBytes + 1) });
        response.end(Buffer.alloc(attachmentRules.maxFileBytes + 1, 0x25));
        return;
      default:
        response.writeHead(404).end();
    }
  });
}

describe('files sent to the bot with a report', () => {
  let server: Server;
  let base: string;
  let dir: string;
  let harness: BotHarness;
  let chat: BotConversation;

  const file = (name: string): Partial<Attachment> => ({
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    name,
    content: { downloadUrl: `${base}/${name}`, uniqueId: name, fileType: 'pdf' },
  });
  const sendFiles = (...attachments: Partial<Attachment>[]) =>
    chat.post({
      type: 'message',
      text: '',
      // Teams adds an HTML copy of the message to every message; it is not a file.
      attachments: [
        ...attachments,
        { contentType: 'text/html', content: '<p></p>' },
      ] as Attachment[],
    });

  beforeAll(async () => {
    server = fileServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-botfiles-'));
    harness = new BotHarness(dir, new Date('2026-11-25T10:00:00+01:00'));
    chat = harness.conversation({
      id: 'chat-files',
      user: { id: '29:reporter', name: 'Anna Andersson', aadObjectId: 'aad-anna' },
    });
    await startReport(chat, 'personalDataBreach');
  });
  afterEach(async () => {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes files at the attachments question and files them with the report', async () => {
    await answerUntil(chat, breach.answers, 'attachments');
    await sendFiles(file('jobbplan.pdf'));
    expect(chat.texts()).toContain(sv.attachments.received(1));
    expect(renderedTexts(chat.lastCard('question')).join(' ')).toContain('jobbplan.pdf');

    await sendFiles(file('program.pdf'), file('stor.pdf'), file('saknas.pdf'));
    expect(chat.texts()).toEqual(
      expect.arrayContaining([
        sv.errors.attachmentWrongType,
        sv.errors.attachmentTooBig(),
        sv.errors.attachmentDownloadFailed,
      ]),
    );
    expect(chat.texts()).not.toContain(sv.attachments.received(1));

    await chat.press('answer', { field: 'attachments', card: chat.lastCard('question') });
    const summary = chat.lastCard('summary');
    expect(renderedTexts(summary).join(' ')).toContain('jobbplan.pdf');
    await chat.press('submit', { card: summary });

    const [filed] = await harness.allCases();
    expect(filed?.report.answers.attachments?.map((a) => a.name)).toEqual(['jobbplan.pdf']);
    const documents = await harness.store.listDocuments(filed?.id ?? '');
    const attachment = documents.find((d) => d.kind === 'attachment');
    expect(attachment).toMatchObject({
      name: 'jobbplan.pdf',
      mediaType: 'application/pdf',
      size: pdf.byteLength,
    });
    const stored = await harness.store.getDocument(filed?.id ?? '', attachment?.id ?? '');
    expect(Buffer.from(stored?.content ?? []).equals(pdf)).toBe(true);
  });

  it('asks for files later when they come before the attachments question', async () => {
    await sendFiles(file('jobbplan.pdf'));
    expect(chat.texts()).toContain(sv.errors.attachmentsNotNow);
    expect(chat.lastCard('question').avvikelseCard.field).toBe('discoveredAt');
  });

  it('forgets the files of a cancelled report', async () => {
    await answerUntil(chat, breach.answers, 'attachments');
    await sendFiles(file('jobbplan.pdf'));
    expect(readdirSync(path.join(dir, 'pending'))).toHaveLength(1);
    await chat.send('avbryt');
    expect(readdirSync(path.join(dir, 'pending'))).toEqual([]);
    expect(await harness.allCases()).toEqual([]);
  });
});

describe('reading files from a Teams message', () => {
  it('finds file links and inline images, and skips cards and the HTML copy', () => {
    const found = incomingFiles({
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'a.pdf',
          content: { downloadUrl: 'https://x.sharepoint.com/a' },
        },
        {
          contentType: 'image/png',
          contentUrl: 'https://smba.trafficmanager.net/emea/v3/attachments/1/views/original',
        },
        { contentType: 'text/html', content: '<p>hej</p>' },
        { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
        { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'broken' },
      ],
    });
    expect(found).toEqual([
      { name: 'a.pdf', url: 'https://x.sharepoint.com/a', needsBotToken: false },
      {
        name: 'bild-2.png',
        url: 'https://smba.trafficmanager.net/emea/v3/attachments/1/views/original',
        needsBotToken: true,
      },
    ]);
  });

  it('sends the bot token only to Microsoft hosts', () => {
    expect(mayCarryBotToken('https://smba.trafficmanager.net/emea/v3/attachments/1')).toBe(true);
    expect(mayCarryBotToken('https://us-api.asm.skype.com/v1/objects/1')).toBe(true);
    expect(mayCarryBotToken('https://evil.example.org/trafficmanager.net')).toBe(false);
    expect(mayCarryBotToken('https://trafficmanager.net.evil.example.org/')).toBe(false);
    expect(mayCarryBotToken('http://smba.trafficmanager.net/emea/v3/attachments/1')).toBe(false);
    expect(mayCarryBotToken('not a url')).toBe(false);
  });
});
