import { hostname } from 'node:os';
import { DEFAULT_LEASE_MS } from '../lease/turn-lease';
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

/** The lease of a team store's turns; undefined for a store of one host, whose turns need none. */
export function leaseOf(ctx: LaunchContext): number | undefined {
  return ctx.storageSpec.kind === 'postgres' ? ctx.leaseMs ?? DEFAULT_LEASE_MS : undefined;
}

export function hangGuardOf(ctx: LaunchContext): number {
  return ctx.hangGuardMs ?? DEFAULT_HANG_GUARD_MS;
}
