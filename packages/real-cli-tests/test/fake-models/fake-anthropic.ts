import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { reply, tokensOf, type Conversation } from './brain';
import { FakeServer, type RecordedRequest } from './fake-server';
import { delayAnswer, startEventStream } from './sse';

type Block = Record<string, unknown>;

/**
 * The Anthropic Messages API as claude uses it: `POST /v1/messages` streamed as SSE
 * (message_start, content_block_start/delta/stop per block, message_delta with usage,
 * message_stop), `count_tokens`, and any auxiliary request (HEAD /, ...) answered with 200.
 */
export class FakeAnthropic extends FakeServer {
  /** The model calls received (POST /v1/messages), bodies parsed. */
  get modelCalls(): Array<{ messages: Array<{ role: string; content: unknown }>; model: string }> {
    return this.requests.filter((request) => request.method === 'POST' && /^\/v1\/messages(\?|$)/.test(request.url)).map((request) => request.body as never);
  }

  protected async handle(request: RecordedRequest, response: ServerResponse): Promise<void> {
    const body = (request.body ?? {}) as { messages?: Array<{ role: string; content: unknown }>; model?: string; system?: unknown };
    if (request.method === 'POST' && request.url.startsWith('/v1/messages/count_tokens')) {
      return json(response, 200, { input_tokens: tokensOf(JSON.stringify(body.messages ?? [])) });
    }
    if (request.method !== 'POST' || !/^\/v1\/messages(\?|$)/.test(request.url)) return json(response, 200, {});
    if (this.failWith) return apiError(response, this.failWith);

    const answer = reply(conversationOf(body.messages ?? []));
    if (answer.kind === 'error') return apiError(response, answer.status);
    if (answer.delayMs > 0) await delayAnswer(response, answer.delayMs);
    if (response.destroyed) return;

    const emit = startEventStream(response);
    const inputTokens = tokensOf(JSON.stringify(body.messages ?? []) + JSON.stringify(body.system ?? ''));
    emit('message_start', {
      message: {
        id: `msg_${randomUUID().replace(/-/g, '')}`, type: 'message', role: 'assistant', model: body.model ?? 'claude-sonnet-4-5', content: [],
        stop_reason: null, stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
    let index = 0;
    let outputText = '';
    if (answer.reasoning) {
      emit('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      emit('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: answer.reasoning } });
      emit('content_block_delta', { index, delta: { type: 'signature_delta', signature: 'fake-signature' } });
      emit('content_block_stop', { index });
      outputText += answer.reasoning;
      index += 1;
    }
    if (answer.kind === 'tool') {
      const input = JSON.stringify({ command: answer.command, description: `Run ${answer.command}` });
      emit('content_block_start', { index, content_block: { type: 'tool_use', id: `toolu_${randomUUID().replace(/-/g, '')}`, name: 'Bash', input: {} } });
      emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: input } });
      emit('content_block_stop', { index });
      outputText += input;
    } else {
      emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const part of chunks(answer.text)) emit('content_block_delta', { index, delta: { type: 'text_delta', text: part } });
      emit('content_block_stop', { index });
      outputText += answer.text;
    }
    emit('message_delta', { delta: { stop_reason: answer.kind === 'tool' ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: tokensOf(outputText) } });
    emit('message_stop', {});
    response.end();
  }
}

/** The user's prompts (without the <system-reminder> blocks claude adds) and the tool results after the latest. */
function conversationOf(messages: Array<{ role: string; content: unknown }>): Conversation {
  const conversation: Conversation = { prompts: [], toolResults: [] };
  for (const message of messages) {
    if (message.role !== 'user') continue;
    const blocks: Block[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : ((message.content as Block[]) ?? []);
    for (const block of blocks) {
      if (block.type === 'text' && typeof block.text === 'string') {
        const text = block.text.replace(/<system-reminder>[\s\S]*?<\/system-reminder>/g, '').trim();
        if (text) {
          conversation.prompts.push(text);
          conversation.toolResults = [];
        }
      } else if (block.type === 'tool_result') {
        conversation.toolResults.push(textOf(block.content));
      }
    }
  }
  return conversation;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: Block) => (typeof part.text === 'string' ? part.text : '')).join('\n');
}

function chunks(text: string): string[] {
  const parts = text.match(/.{1,12}/gs) ?? [''];
  return parts;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function apiError(response: ServerResponse, status: number): void {
  const type = status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
  const message = status === 401 ? 'invalid x-api-key' : `fake model answered ${status}`;
  json(response, status, { type: 'error', error: { type, message } });
}
