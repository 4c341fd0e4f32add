import { streamRecords } from './stream-records';
import type { TranscriptOptions } from './transcript-options';
import { TurnBuilder } from './turn-builder';
import type { TurnView } from './transcript-types';

/**
 * Every turn of a session's event log, in order, each with its latest events (see
 * TurnBuilder). The log is streamed, so its size only costs time. A log that does not
 * exist yet has no turns; an unreadable one is a STORE_IO error naming it.
 */
export async function readTranscript(logFile: string, options: TranscriptOptions = {}): Promise<TurnView[]> {
  const builder = new TurnBuilder(options);
  await streamRecords(logFile, 0, (record) => builder.add(record));
  return builder.views();
}
