/*
 * A stand-in for the Bot Framework connector service (what Teams' `serviceUrl` points at), on
 * loopback: it records every request the bot makes and answers each as the connector does, 200
 * with the new activity's id. Tests post activities to the bot with `serviceUrl` set to this
 * sink and read the bot's replies from it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the connector. */
export interface ConnectorRequest {
  method: string;
  /** The path as sent, e.g. `/v3/conversations/a%3A1/activities/7`. */
  path: string;
  /** The conversation id of a `/v3/conversations/{id}/activities[/{replyToId}]` call, decoded. */
  conversationId: string | null;
  /** The activity id replied to, for a reply; null for a new message (a proactive one). */
  replyToId: string | null;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** A running sink. */
export interface ConnectorSink {
  /** The base URL to put in activities' `serviceUrl`. */
  url: string;
  /** Every request so far, in order of arrival. */
  requests: ConnectorRequest[];
  /** The message activities sent to one conversation (typing indicators left out). */
  messagesTo: (conversationId: string) => ConnectorRequest[];
  /**
   * Decides each answer's status after the request is recorded (200 by default); may hold the
   * answer back by returning a promise. Set it to simulate a connector that is slow or down.
   */
  respond: (request: ConnectorRequest) => number | Promise<number>;
  close: () => Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

/** Starts a sink on 127.0.0.1 at a free port. */
export async function startConnectorSink(): Promise<ConnectorSink> {
  const requests: ConnectorRequest[] = [];
  let next = 1;
  const server: Server = createServer((request, response) => {
    readBody(request).then(
      async (text) => {
        const path = request.url ?? '';
        const match = activityPath.exec(path);
        let body: Record<string, unknown> = {};
        try {
          body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        } catch {
          body = { unparsed: text };
        }
        const recorded: ConnectorRequest = {
          method: request.method ?? '',
          path,
          conversationId: match?.[1] === undefined ? null : decodeURIComponent(match[1]),
          replyToId: match?.[2] === undefined ? null : decodeURIComponent(match[2]),
          authorization: request.headers.authorization,
          body,
        };
        requests.push(recorded);
        const status = await sink.respond(recorded);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(
            status === 200
              ? { id: `sink-${String(next++)}` }
              : { error: { code: 'ServiceError', message: 'The connector is down (test).' } },
          ),
        );
      },
      () => {
        response.writeHead(400);
        response.end();
      },
    );
  });
  const sink: ConnectorSink = {
    url: '',
    requests,
    messagesTo: (conversationId) =>
      requests.filter(
        (request) => request.conversationId === conversationId && request.body.type === 'message',
      ),
    respond: () => 200,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sink.url = `http://127.0.0.1:${String(port)}`;
  return sink;
}
