'use strict';
// Finds the syncwire jar and a Java 17+ to run it, or says exactly what to install or set.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGED_JAR = path.join(__dirname, '..', 'jar', 'syncwire.jar');
// In a checkout of the syncwire repository this package sits at clients/node.
const CHECKOUT_JAR = path.join(__dirname, '..', '..', '..', 'cli', 'target', 'syncwire.jar');
const MIN_JAVA = 17;

/** SYNCWIRE_JAR, else the jar `npm pack` ships, else the one a checkout's Maven build makes. */
function locateJar(env = process.env) {
  if (env.SYNCWIRE_JAR) {
    if (!fs.existsSync(env.SYNCWIRE_JAR)) {
      throw new Error(`SYNCWIRE_JAR names ${env.SYNCWIRE_JAR}, which does not exist; point it at a syncwire.jar`
        + ' or unset it to use the jar this package ships');
    }
    return path.resolve(env.SYNCWIRE_JAR);
  }
  for (const jar of [PACKAGED_JAR, CHECKOUT_JAR]) {
    if (fs.existsSync(jar)) return jar;
  }
  throw new Error(`syncwire: no syncwire.jar found (looked at ${PACKAGED_JAR} and ${CHECKOUT_JAR}).`
    + ' In a checkout of the syncwire repository build it with `mvn -B -DskipTests package -pl cli -am`;'
    + ' otherwise set SYNCWIRE_JAR to a syncwire.jar.');
}

/** The java command: SYNCWIRE_JAVA, else $JAVA_HOME/bin/java, else `java` on the PATH. */
function javaCommand(env = process.env) {
  if (env.SYNCWIRE_JAVA) return { command: env.SYNCWIRE_JAVA, from: 'SYNCWIRE_JAVA' };
  if (env.JAVA_HOME) return { command: path.join(env.JAVA_HOME, 'bin', 'java'), from: 'JAVA_HOME' };
  return { command: 'java', from: 'PATH' };
}

const checked = new Map();

/**
 * The java command after checking it runs and is 17 or newer (once per command and process), or
 * an Error naming JDK 17 and how to point syncwire at one.
 */
function locateJava(env = process.env) {
  const { command, from } = javaCommand(env);
  const key = `${command}\0${env.PATH}`;
  if (checked.has(key)) return checked.get(key);
  const res = spawnSync(command, ['-version'], { encoding: 'utf8', env: { ...env }, timeout: 30_000 });
  const where = from === 'PATH' ? '`java` on the PATH' : `${command} (from ${from})`;
  const fix = 'Install a JDK 17 or newer (for example `apt-get install openjdk-17-jdk-headless`, `brew install openjdk@17`'
    + ' or Temurin 17 from adoptium.net) and put its bin on the PATH or set JAVA_HOME; SYNCWIRE_JAVA names a java'
    + ' binary directly, and SYNCWIRE_JAR a syncwire.jar of your own.';
  if (res.error) {
    const why = res.error.code === 'ENOENT' ? 'was not found' : `could not be run (${res.error.code || res.error.message})`;
    throw new Error(`syncwire needs Java (JDK 17 or newer) to run its Sync fake and webhook receiver, but ${where} ${why}. ${fix}`);
  }
  const out = `${res.stderr}${res.stdout}`;
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(out);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (res.status !== 0 || !(major >= MIN_JAVA)) {
    const seen = m ? `Java ${m[0].slice(9, -1)}` : `something else (\`-version\` printed ${JSON.stringify(out.trim().split('\n')[0] || '')})`;
    throw new Error(`syncwire needs JDK 17 or newer, but ${where} is ${seen}. ${fix}`);
  }
  checked.set(key, command);
  return command;
}

module.exports = { locateJar, locateJava, PACKAGED_JAR, CHECKOUT_JAR };
