/**
 * A local fake of the kit's chat API and of the Amazon Connect Participant Service, on 127.0.0.1,
 * speaking the shapes amazon-connect-chatjs uses:
 *
 * - `POST /v1/chat` (the kit's chat API): `{ contactId, participantId, participantToken }`.
 * - `POST /participant/connection` (CreateParticipantConnection, `X-Amz-Bearer: <participant token>`):
 *   `{ Websocket: { Url, ConnectionExpiry }, ConnectionCredentials: { ConnectionToken, Expiry } }`.
 * - `POST /participant/message` | `/event` (SendMessage, SendEvent, `X-Amz-Bearer: <connection token>`):
 *   `{ Id, AbsoluteTime }`; the item is then pushed on the websocket, as Connect echoes it.
 * - `POST /participant/transcript` (GetTranscript): `{ InitialContactId, Transcript: [...] }`.
 * - `POST /participant/disconnect` (DisconnectParticipant): `{}`, then participant.left and chat.ended events.
 * - WebSocket `/ws`: `{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}` is answered
 *   `{"topic":"aws/subscribe","content":{"status":"success","topics":["aws/chat"]}}`; `aws/heartbeat`
 *   is echoed; chat items arrive as `{"topic":"aws/chat","contentType":"application/json","content":"<item JSON>"}`.
 *
 * It also serves static files (the demo page and bundle). The test plays the agent and the chat
 * flow through {@link FakeConnect.agentSays} and friends.
 */
import * as crypto from 'crypto';
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

/** A chat item as the Participant Service delivers it. */
export interface Item {
  Id: string;
  Type: 'MESSAGE' | 'EVENT';
  ContentType: string;
  Content?: string;
  ParticipantId: string;
  ParticipantRole: 'AGENT' | 'CUSTOMER' | 'SYSTEM';
  DisplayName: string;
  AbsoluteTime: string;
  ContactId: string;
  InitialContactId: string;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const EVENT = {
  typing: 'application/vnd.amazonaws.connect.event.typing',
  joined: 'application/vnd.amazonaws.connect.event.participant.joined',
  left: 'application/vnd.amazonaws.connect.event.participant.left',
  ended: 'application/vnd.amazonaws.connect.event.chat.ended',
};

/** One text frame from a client (masked, as browsers send). */
function readFrames(buffer: Buffer): { messages: string[]; rest: Buffer; close: boolean } {
  const messages: string[] = [];
  let offset = 0;
  let close = false;
  while (buffer.length - offset >= 2) {
    const opcode = buffer[offset] & 0x0f;
    let length = buffer[offset + 1] & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      header = 10;
    }
    const masked = (buffer[offset + 1] & 0x80) !== 0;
    const total = header + (masked ? 4 : 0) + length;
    if (buffer.length - offset < total) break;
    const mask = masked ? buffer.subarray(offset + header, offset + header + 4) : undefined;
    const payload = Buffer.from(buffer.subarray(offset + total - length, offset + total));
    if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
    if (opcode === 0x1) messages.push(payload.toString('utf8'));
    if (opcode === 0x8) close = true;
    offset += total;
  }
  return { messages, rest: buffer.subarray(offset), close };
}

function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = payload.length < 126 ? Buffer.from([0x81, payload.length]) : payload.length < 65536 ? Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]) : undefined;
  if (!header) throw new Error('frame too large for the fake');
  return Buffer.concat([header, payload]);
}

/** The fake services. */
export class FakeConnect {
  /** Every request body the chat API received. */
  readonly startRequests: Array<{ origin?: string; body: Record<string, unknown> }> = [];
  /** Texts the citizen sent (SendMessage). */
  readonly customerMessages: string[] = [];
  /** Event content types the citizen sent (SendEvent). */
  readonly customerEvents: string[] = [];
  /** Participant Service calls, as `<path>` in order. */
  readonly calls: string[] = [];
  /** Whether DisconnectParticipant was called. */
  disconnected = false;

  private server: http.Server;
  private sockets = new Set<Socket>();
  private chatSockets = new Set<Socket>();
  private transcript: Item[] = [];
  private contact = 0;
  private waiters: Array<() => void> = [];
  private baseUrl = '';

  constructor(private readonly files: ReadonlyMap<string, { type: string; body: string }>) {
    this.server = http.createServer((req, res) => void this.route(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (req, socket: Socket) => this.upgrade(req, socket));
  }

  /** Starts listening on a free port of 127.0.0.1; returns the base URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  /** Stops the server and drops every connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private get contactId(): string {
    return `contact-${this.contact}`;
  }

  /** Resolves once the citizen has sent `count` messages in this chat. */
  async customerMessageCount(count: number, timeoutMs = 5000): Promise<void> {
    const started = Date.now();
    while (this.customerMessages.length < count) {
      if (Date.now() - started > timeoutMs) throw new Error(`the citizen sent ${this.customerMessages.length} messages, expected ${count}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** The agent starts typing. */
  agentTyping(): void {
    this.push('EVENT', EVENT.typing, 'AGENT', 'Agente Rosa');
  }

  /** The agent sends a message. */
  agentSays(text: string): void {
    this.push('MESSAGE', 'text/plain', 'AGENT', 'Agente Rosa', text);
  }

  /** The chat flow (system) sends a message, e.g. a survey question. */
  systemSays(text: string): void {
    this.push('MESSAGE', 'text/plain', 'SYSTEM', 'SYSTEM_MESSAGE', text);
  }

  /** The agent leaves (the post-contact survey flow then runs on the chat). */
  agentLeaves(): void {
    this.push('EVENT', EVENT.left, 'AGENT', 'Agente Rosa');
  }

  /** The contact ends. */
  endChat(): void {
    this.push('EVENT', EVENT.ended, 'SYSTEM', 'SYSTEM_MESSAGE');
  }

  private push(type: Item['Type'], contentType: string, role: Item['ParticipantRole'], name: string, content?: string): Item {
    const item: Item = {
      Id: crypto.randomUUID(),
      Type: type,
      ContentType: contentType,
      ...(content === undefined ? {} : { Content: content }),
      ParticipantId: role === 'CUSTOMER' ? 'participant-customer' : `participant-${role.toLowerCase()}`,
      ParticipantRole: role,
      DisplayName: name,
      AbsoluteTime: new Date().toISOString(),
      ContactId: this.contactId,
      InitialContactId: this.contactId,
    };
    if (type === 'MESSAGE') this.transcript.push(item);
    const message = frame(JSON.stringify({ topic: 'aws/chat', contentType: 'application/json', content: JSON.stringify(item) }));
    for (const socket of this.chatSockets) socket.write(message);
    return item;
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (req.method === 'GET') {
      const file = this.files.get(url.pathname === '/' ? '/index.html' : url.pathname);
      if (!file) return void json(404, { message: 'not found' });
      res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' });
      return void res.end(file.body);
    }
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (url.pathname === '/v1/chat') {
      this.startRequests.push({ origin: req.headers.origin, body });
      this.contact++;
      this.transcript = [];
      this.disconnected = false;
      this.customerMessages.length = 0;
      return void json(200, { contactId: this.contactId, participantId: 'participant-customer', participantToken: `participant-token-${this.contact}` });
    }
    if (!url.pathname.startsWith('/participant/')) return void json(404, { message: 'not found' });
    this.calls.push(url.pathname);
    const bearer = req.headers['x-amz-bearer'];
    const now = new Date().toISOString();
    switch (url.pathname) {
      case '/participant/connection':
        if (bearer !== `participant-token-${this.contact}`) return void json(403, { message: 'bad participant token' });
        return void json(200, {
          Websocket: { Url: `${this.baseUrl.replace('http', 'ws')}/ws`, ConnectionExpiry: new Date(Date.now() + 3_600_000).toISOString() },
          ConnectionCredentials: { ConnectionToken: `connection-token-${this.contact}`, Expiry: new Date(Date.now() + 3_600_000).toISOString() },
        });
      case '/participant/message': {
        if (bearer !== `connection-token-${this.contact}`) return void json(403, { message: 'bad connection token' });
        const item = this.push('MESSAGE', String(body.ContentType), 'CUSTOMER', String(this.startRequests.at(-1)?.body.displayName ?? 'Customer'), String(body.Content));
        this.customerMessages.push(String(body.Content));
        for (const wake of this.waiters.splice(0)) wake();
        return void json(200, { Id: item.Id, AbsoluteTime: item.AbsoluteTime });
      }
      case '/participant/event':
        this.customerEvents.push(String(body.ContentType));
        return void json(200, { Id: crypto.randomUUID(), AbsoluteTime: now });
      case '/participant/transcript':
        return void json(200, { InitialContactId: this.contactId, Transcript: this.transcript });
      case '/participant/disconnect':
        this.disconnected = true;
        json(200, {});
        this.push('EVENT', EVENT.left, 'CUSTOMER', 'Customer');
        this.endChat();
        return;
      default:
        return void json(404, { message: `unknown operation ${url.pathname}` });
    }
  }

  private upgrade(req: http.IncomingMessage, socket: Socket): void {
    const key = req.headers['sec-websocket-key'];
    if (!key || !req.url?.startsWith('/ws')) return void socket.destroy();
    const accept = crypto.createHash('sha1').update(key + WS_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      const { messages, rest, close } = readFrames(Buffer.concat([pending, data]));
      pending = rest;
      for (const text of messages) {
        const message = JSON.parse(text) as { topic?: string; content?: { topics?: string[] } };
        if (message.topic === 'aws/subscribe') {
          this.chatSockets.add(socket);
          socket.write(frame(JSON.stringify({ topic: 'aws/subscribe', content: { status: 'success', topics: message.content?.topics ?? [] } })));
          // Connect announces the customer joining once the connection is up.
          this.push('EVENT', EVENT.joined, 'CUSTOMER', 'Customer');
        } else if (message.topic === 'aws/heartbeat') {
          socket.write(frame(JSON.stringify({ topic: 'aws/heartbeat' })));
        } else if (message.topic === 'aws/ping') {
          socket.write(frame(JSON.stringify({ topic: 'aws/ping', statusCode: 200, statusContent: 'OK' })));
        }
      }
      if (close) socket.end();
    });
    socket.on('close', () => this.chatSockets.delete(socket));
    socket.on('error', () => this.chatSockets.delete(socket));
  }

  /** Drops the chat websockets (the browser's chatjs must reconnect). */
  dropConnections(): void {
    for (const socket of this.chatSockets) socket.destroy();
    this.chatSockets.clear();
  }
}
