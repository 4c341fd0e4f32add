import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SessionEntry, UsageSummary } from '@genie/session-schema';
import type { SessionStorage } from '@genie/storage';
import { processStartTime } from '../process/process-identity';
import type { AgentEvent } from '../agent-event';
import { mirrorFor } from '../event-log/event-log-mirror';
import { EventLogWriter } from '../event-log/event-log-writer';
import { turnStartRecord } from '../event-log/turn-start-record';
import type { OutputRecord } from '../event-log-record';
import type { Executor, LaunchCommand } from '../executors/executor';
import { getExecutor } from '../executors/registry';
import { heartbeatInterval, renewLease } from '../lease/turn-lease';
import { stopAskedOf } from '../stop/stop-request';
import { watchForStop } from '../stop/stop-watch';
import { removeCgroup } from '../containment/cgroup-v2';
import type { TurnContainment } from '../containment/containment-kind';
import { prepareTurnContainment } from '../containment/turn-containment';
import { terminateTurn, type TurnTarget } from '../process/terminate-turn';
import type { TranscriptEvent } from '../transcript/transcript-types';
import { spawnExecutor, type RunningExecutor } from './executor-process';
import { runTurnEndHooks } from '../hooks/turn-end-hooks';
import { HangGuard } from './hang-guard';
import { launchProblem } from './launch-check';
import { liveTranscriptEvent } from './live-transcript-event';
import { OutputLines } from './output-lines';
import { DISK_WAIT_MS, RecordUpdater } from './record-updater';
import { sumUsage } from './sum-usage';
import { recordTurnEnd, type TurnEnding } from './turn-end';
import { TurnObservations } from './turn-observations';
import { turnOutcome } from './turn-outcome';
import { turnUsageFromTotal } from './turn-usage-from-total';
import { removeFile, turnRequestOf, type TurnSpec } from './turn-spec';

export interface SuperviseOptions {
  storage: SessionStorage;
  spec: TurnSpec;
  /** Environment of the executor (GENIE_SESSION_ID is added). */
  env: NodeJS.ProcessEnv;
  onEvent?: (event: TranscriptEvent) => void;
  /** Aborting stops the executor and every process of the session; the turn ends `stopped`. */
  signal?: AbortSignal;
}

const now = (): string => new Date().toISOString();

/**
 * Runs one turn to its end: spawns the executor in its own process group, appends every
 * output line to the event log, keeps the session record current, and records the
 * outcome. The background supervisor process and foreground turns both run this.
 */
export async function superviseTurn(options: SuperviseOptions): Promise<SessionEntry> {
  let run: TurnRun;
  try {
    run = new TurnRun(options);
  } catch (error) {
    const { spec } = options;
    const message = `Cannot open the event log ${spec.logFile}: ${(error as Error).message}`;
    return options.storage.update(spec.sessionId, (entry) =>
      entry.turns === spec.turn ? { ...entry, status: 'failed', exitCode: null, signal: null, error: message } : entry,
    );
  }
  // A team turn renews its lease while it runs, so other hosts can tell it is alive, and
  // ends itself when any host records a stop of it: notified at once, or found at the next
  // renewal when the notification was missed.
  const { spec } = options;
  if (spec.leaseMs === undefined) return run.run();
  const stopIfAsked = (entry: SessionEntry): void => {
    if (stopAskedOf(entry, spec.turn)) run.requestStop();
  };
  const stopRenewing = renewLease(options.storage, spec.sessionId, spec.turn, spec.leaseMs, stopIfAsked);
  const stopWatching = watchForStop({
    storage: options.storage,
    storageSpec: spec.storage,
    sessionId: spec.sessionId,
    turn: spec.turn,
    intervalMs: heartbeatInterval(spec.leaseMs),
    onStop: () => run.requestStop(),
  });
  try {
    return await run.run();
  } finally {
    stopRenewing();
    await stopWatching();
  }
}

class TurnRun {
  private readonly spec: TurnSpec;
  private readonly log: EventLogWriter;
  private readonly updater: RecordUpdater;
  private readonly seen: TurnObservations;
  private readonly hangGuard: HangGuard;
  private executor: Executor | undefined;
  private running: RunningExecutor | undefined;
  private containment: TurnContainment | undefined;
  private exited = false;
  private stopRequested = false;
  private terminating: Promise<unknown> | undefined;
  private startLogged = false;
  private finishing = false;
  /** The session's usage before this turn, from which a running total's share is taken. */
  private usageBefore: UsageSummary | undefined;

  constructor(private readonly options: SuperviseOptions) {
    this.spec = options.spec;
    this.log = new EventLogWriter(options.spec.logFile, mirrorFor(options.spec.storage, options.spec.sessionId, options.spec.logFile));
    this.updater = new RecordUpdater(options.storage, options.spec.sessionId, options.spec.turn);
    this.seen = new TurnObservations(options.spec.executorSessionId);
    this.hangGuard = new HangGuard(options.spec.hangGuardMs, () => this.endHungExecutor());
  }

  async run(): Promise<SessionEntry> {
    const abort = (): void => this.requestStop();
    this.options.signal?.addEventListener('abort', abort);
    try {
      return await this.runTurn();
    } catch (error) {
      // An unexpected fault must still end the turn in the record, never leave it running.
      if (this.finishing) throw error;
      const message = `The genie supervisor failed: ${(error as Error)?.message ?? String(error)}`;
      return await this.finish({ status: 'failed', exitCode: null, signal: null, error: message });
    } finally {
      this.options.signal?.removeEventListener('abort', abort);
      this.hangGuard.disarm();
      await this.drainLog();
      this.log.close();
      // Processes the agent left running stay in the cgroup for a later stop to end; an empty one goes now.
      if (this.containment?.cgroup) removeCgroup(this.containment.cgroup);
      if (this.spec.instructions) removeFile(this.spec.instructionsFile);
    }
  }

  /** Output a full disk did not take yet is written once there is room (bounded, like record writes). */
  private async drainLog(): Promise<void> {
    const deadline = Date.now() + DISK_WAIT_MS;
    while (!this.log.flush() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }

  private async runTurn(): Promise<SessionEntry> {
    const { spec } = this;
    let command: LaunchCommand;
    try {
      this.executor = getExecutor(spec.executor);
      if (spec.instructions) {
        mkdirSync(dirname(spec.instructionsFile), { recursive: true });
        writeFileSync(spec.instructionsFile, spec.instructions, { mode: 0o600 });
      }
      command = this.executor.buildCommand(turnRequestOf(spec));
    } catch (error) {
      return this.finish({ status: 'failed', exitCode: null, signal: null, error: (error as Error).message });
    }
    this.logStart(command);

    const problem = launchProblem(this.executor, command, spec.cwd, this.options.env);
    if (problem) return this.finish({ status: 'failed', exitCode: null, signal: null, error: problem });
    if (this.stopRequested || (await this.stoppedBeforeSpawn())) {
      return this.finish({ status: 'stopped', exitCode: null, signal: null, error: null });
    }

    const contained = prepareTurnContainment(spec.turnId, this.options.env);
    if ('error' in contained) return this.finish({ status: 'failed', exitCode: null, signal: null, error: contained.error });
    this.containment = contained.containment;
    const spawned = await spawnExecutor(this.executor, contained.wrap(command), {
      cwd: spec.cwd,
      env: this.options.env,
      sessionId: spec.sessionId,
      turnId: spec.turnId,
    });
    if ('error' in spawned) return this.finish({ status: 'failed', exitCode: null, signal: null, error: spawned.error });
    this.running = spawned;
    this.markRunning(spawned.pid, contained.containment);
    if (this.stopRequested) this.requestStop(true);
    const output = new OutputLines(spawned.child, (stream, lines) => this.onLines(stream, lines));

    const [exitCode, signal] = await spawned.exit;
    this.exited = true;
    this.hangGuard.disarm();
    await output.drain(spawned.closed);
    if (this.terminating) await this.terminating;

    if (this.stopRequested) return this.finish({ status: 'stopped', exitCode, signal, error: null });
    const outcome = turnOutcome({
      executor: this.executor.id,
      exitCode,
      signal,
      result: this.seen.result,
      endedByHangGuard: this.hangGuard.fired,
      lastErrorEvent: this.seen.lastErrorEvent,
      stderrTail: this.seen.stderrTail,
    });
    return this.finish({ ...outcome, exitCode, signal });
  }

  /** A stop may land while the supervisor is still starting up; then there is nothing to spawn. */
  private async stoppedBeforeSpawn(): Promise<boolean> {
    const current = await this.options.storage.get(this.spec.sessionId).catch(() => undefined);
    this.usageBefore = current?.usage ?? undefined;
    return current?.turns === this.spec.turn && current.status === 'stopped';
  }

  private logStart(command: LaunchCommand): void {
    const { spec } = this;
    // The launcher logs the start of a background turn itself, so a stop that kills this
    // process before it gets here cannot lose the prompt.
    if (!spec.startLogged) this.log.append([turnStartRecord(spec, command)]);
    this.startLogged = true;
    this.emit({ kind: 'prompt', turn: spec.turn, text: spec.prompt, time: now() });
  }

  private markRunning(executorPid: number, containment: TurnContainment): void {
    const runnerPid = process.pid;
    const runnerStartTime = processStartTime(runnerPid);
    this.updater.queue((entry) => ({
      ...entry,
      status: entry.status === 'starting' ? 'running' : entry.status,
      executorPid,
      containment,
      runnerPid,
      runnerStartTime,
    }));
    // A stop that landed between our launch and this write must still end the executor.
    void this.updater.flush().then((entry) => {
      if (entry?.status === 'stopped' && entry.turns === this.spec.turn) this.requestStop();
    });
  }

  private onLines(stream: 'stdout' | 'stderr', lines: string[]): void {
    if (lines.length === 0) return;
    const time = now();
    const records: OutputRecord[] = [];
    for (const line of lines) {
      records.push({ time, turn: this.spec.turn, stream, line });
      if (stream === 'stderr') this.seen.noteStderr(line);
    }
    this.log.append(records);
    for (const line of lines) {
      for (const event of (this.executor as Executor).parseLine(line, stream)) this.onEvent(event, time);
    }
  }

  private onEvent(reported: AgentEvent, time: string): void {
    const event = this.perTurn(reported);
    if (this.seen.observe(event)) {
      const id = this.seen.executorSessionId;
      this.updater.queue((entry) => ({ ...entry, executorSessionId: id }));
    }
    if (event.type === 'result') {
      const { usage, text, isError } = event;
      // An error result's text is the turn's error, never its answer.
      const answer = !isError && text ? { lastAnswer: text } : {};
      this.updater.queue((entry) => ({ ...entry, usage: sumUsage(entry.usage, usage), ...answer }));
      this.hangGuard.arm();
    }
    const rendered = liveTranscriptEvent(event, this.spec.turn, time);
    if (rendered) this.emit(rendered);
  }

  /** A result that reports the conversation's running total becomes this turn's share of it. */
  private perTurn(event: AgentEvent): AgentEvent {
    if (event.type !== 'result' || !event.usageIsRunningTotal || !event.usage) return event;
    const { usageIsRunningTotal: _total, ...rest } = event;
    return { ...rest, usage: turnUsageFromTotal(event.usage, this.usageBefore) };
  }

  /** True when the hang guard had an executor left to end. */
  private endHungExecutor(): boolean {
    const pid = this.running?.pid;
    if (this.exited || this.terminating || pid === undefined) return false;
    this.terminating = terminateTurn(this.target(pid), this.spec.graceMs);
    return true;
  }

  /** Stops the turn: the executor's group, its cgroup and every process marked with this turn. */
  requestStop(force = false): void {
    if (this.stopRequested && !force) return;
    this.stopRequested = true;
    const pid = this.running?.pid;
    if (pid === undefined || this.exited || this.terminating) return;
    this.terminating = terminateTurn(this.target(pid), this.spec.graceMs);
  }

  private target(executorPid: number): TurnTarget {
    return {
      sessionId: this.spec.sessionId,
      turnId: this.spec.turnId,
      roots: { groups: [executorPid], treeRoots: [executorPid] },
      cgroup: this.containment?.cgroup ?? null,
    };
  }

  private async finish(end: TurnEnding): Promise<SessionEntry> {
    this.finishing = true;
    if (!this.startLogged) this.logStart({ command: this.spec.executor, args: [] });
    const { entry, outcome } = await recordTurnEnd(
      { spec: this.spec, storage: this.options.storage, log: this.log, updater: this.updater, seen: this.seen, stopRequested: this.stopRequested },
      end,
    );
    this.emit(outcome);
    if (!this.spec.hooks) return entry;
    // The outcome is recorded and shown first: hooks only ever follow it, and never change it.
    const failures = await runTurnEndHooks(this.spec.hooks, entry, this.spec.turn, this.options.storage, this.options.env);
    if (failures.length === 0) return entry;
    return (await this.options.storage.get(this.spec.sessionId).catch(() => undefined)) ?? entry;
  }

  private emit(event: TranscriptEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing display must not stop the turn from being supervised and recorded.
    }
  }
}
