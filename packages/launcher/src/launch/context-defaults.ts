import { hostname } from 'node:os';
import { DEFAULT_GRACE_MS, DEFAULT_HANG_GUARD_MS, type LaunchContext } from './launch-context';

export function hostOf(ctx: LaunchContext): string {
  return ctx.host ?? hostname();
}

export function envOf(ctx: LaunchContext): NodeJS.ProcessEnv {
  return ctx.env ?? process.env;
}

export function graceOf(ctx: LaunchContext, override?: number): number {
  return override ?? ctx.graceMs ?? DEFAULT_GRACE_MS;
}

export function hangGuardOf(ctx: LaunchContext): number {
  return ctx.hangGuardMs ?? DEFAULT_HANG_GUARD_MS;
}
