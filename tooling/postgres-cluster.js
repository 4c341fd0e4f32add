// A throwaway PostgreSQL cluster for the tests: initdb in a temp directory, started on a
// free port, owned by an unprivileged user when the tests run as root (PostgreSQL refuses
// to run as root). A missing server is an error that says how to install one, never a skip.
const { execFileSync, spawnSync } = require('node:child_process');
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
      if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
        spawnSync(pgCtl, ['stop', '-w', '-m', 'immediate', '-D', data], { ...identity, cwd: os.tmpdir() });
      }
      fs.rmSync(dir, { recursive: true, force: true });
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

module.exports = { startPostgresCluster, findServerBinaries };
