// A throwaway PostgreSQL cluster for the tests: initdb in a temp directory, started on a
// free port, owned by an unprivileged user when the tests run as root (PostgreSQL refuses
// to run as root). A missing server is an error that says how to install one, never a skip.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const SERVER_USER = 'postgres';
const SUPERUSER = 'genie';

/** The directory holding initdb, pg_ctl and postgres: on PATH, else the newest /usr/lib/postgresql/<version>/bin. */
function findServerBinaries() {
  const fromPath = (process.env.PATH ?? '').split(path.delimiter).find((dir) => dir && fs.existsSync(path.join(dir, 'initdb')));
  if (fromPath) return fromPath;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => /^\d+(\.\d+)?$/.test(name) && fs.existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'No PostgreSQL server found (initdb is neither on PATH nor in /usr/lib/postgresql/<version>/bin). ' +
        'Install it (Debian: apt-get install postgresql), or run .ci/run, which does.',
    );
  }
  return path.join(root, versions[0], 'bin');
}

/** uid/gid to run the server as: none when not root; else the `postgres` system user, created if missing. */
function serverIdentity() {
  if (process.getuid?.() !== 0) return {};
  const lookup = () => spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER], { stdio: 'inherit' });
  }
  const uid = Number(execFileSync('id', ['-u', SERVER_USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', SERVER_USER], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(bin, args, identity) {
  const result = spawnSync(bin, args, { ...identity, encoding: 'utf8', cwd: os.tmpdir() });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/** The postmaster's pid from its pid file; null when the server is not running (or never started). */
function postmasterPid(data) {
  try {
    const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid) {
  if (fs.existsSync('/proc/self')) {
    try {
      return !/^State:\s+[ZX]/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The server's own processes: each backend is the postmaster's child, in a session of its own. */
function serverProcesses(pid) {
  const found = [pid];
  if (!fs.existsSync('/proc/self')) return found;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Ends a cluster's server and removes its directory. `pg_ctl stop -m immediate` first; a
 * server it could not stop in time (a loaded machine, a wedged server) is killed with its
 * backends, and the directory is removed only once they are gone, so no `postgres -D` is
 * ever left running on a deleted directory.
 */
function removeCluster({ bin, data, dir, identity }) {
  const pid = postmasterPid(data);
  if (pid !== null && isRunning(pid)) {
    spawnSync(path.join(bin, 'pg_ctl'), ['stop', '-w', '-t', '30', '-m', 'immediate', '-D', data], { ...identity, cwd: os.tmpdir(), stdio: 'ignore' });
    if (isRunning(pid)) {
      for (const member of serverProcesses(pid)) {
        try {
          process.kill(member, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      const deadline = Date.now() + 30_000;
      while (isRunning(pid) && Date.now() < deadline) pause(50);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A detached process that removes the cluster once the process that made it is gone, for
 * runs that never reach their teardown (an interrupted or crashed jest, a worker killed for
 * not exiting). It holds the read end of a pipe from this process: the kernel closes the
 * write end however this process ends, and end-of-file is its cue.
 */
function startGuardian(spec) {
  const guardian = spawn(process.execPath, [path.join(__dirname, 'postgres-guardian.js'), JSON.stringify(spec)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  guardian.on('error', () => {
    // Without a guardian the teardown still removes the cluster; only an interrupted run could leak it.
  });
  guardian.unref();
  guardian.stdin.on('error', () => {});
  guardian.stdin.unref();
  return guardian;
}

/**
 * Creates and starts a cluster. `listen` is the address list the server listens on
 * (127.0.0.1 by default; '*' for tests that reach it from network namespaces).
 * Returns { url, host, port, dir, stop(), start(), restart(), destroy() }.
 */
async function startPostgresCluster(options = {}) {
  const bin = findServerBinaries();
  const identity = serverIdentity();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-pg-'));
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  const spec = { bin, data, dir, identity };
  const guardian = startGuardian(spec);
  fs.mkdirSync(socketDir);
  if (identity.uid !== undefined) {
    fs.chownSync(dir, identity.uid, identity.gid);
    fs.chownSync(socketDir, identity.uid, identity.gid);
  }
  run(path.join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--no-sync', '--locale=C'], identity);
  const port = options.port ?? (await freePort());
  const listen = options.listen ?? '127.0.0.1';
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '${listen}'`,
      `unix_socket_directories = '${socketDir}'`,
      'max_connections = 300',
      'fsync = off',
      'full_page_writes = off',
      '',
    ].join('\n'),
  );
  if (listen !== '127.0.0.1') fs.appendFileSync(path.join(data, 'pg_hba.conf'), 'host all all 0.0.0.0/0 trust\n');
  if (identity.uid !== undefined) execFileSync('chown', ['-R', `${identity.uid}:${identity.gid}`, dir]);
  const pgCtl = path.join(bin, 'pg_ctl');
  const logFile = path.join(dir, 'server.log');
  const cluster = {
    dir,
    host: '127.0.0.1',
    port,
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    /** The server's log, for a failing test's message. */
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    start() {
      run(pgCtl, ['start', '-w', '-t', '60', '-D', data, '-l', logFile], identity);
    },
    /** `fast` ends client sessions at once; `immediate` is a crash of the server. */
    stop(mode = 'fast') {
      run(pgCtl, ['stop', '-w', '-t', '60', '-m', mode, '-D', data], identity);
    },
    restart(mode = 'fast') {
      cluster.stop(mode);
      cluster.start();
    },
    destroy() {
      removeCluster(spec);
      guardian.stdin.destroy();
    },
  };
  try {
    cluster.start();
  } catch (error) {
    const log = cluster.log();
    cluster.destroy();
    throw new Error(`${error.message}\n${log}`);
  }
  return cluster;
}

module.exports = { startPostgresCluster, findServerBinaries, removeCluster };
