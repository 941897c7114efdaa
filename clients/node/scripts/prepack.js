'use strict';
// npm pack / publish: ship the CLI jar inside the package, so an install needs only a JDK 17.
const fs = require('node:fs');
const path = require('node:path');
const { CHECKOUT_JAR, PACKAGED_JAR } = require('../lib/java');

if (!fs.existsSync(CHECKOUT_JAR)) {
  console.error(`prepack: ${CHECKOUT_JAR} is missing; build it first, at the repository root:\n`
    + '  mvn -B -DskipTests package -pl cli -am');
  process.exit(1);
}
fs.mkdirSync(path.dirname(PACKAGED_JAR), { recursive: true });
const partial = `${PACKAGED_JAR}.partial`;
fs.copyFileSync(CHECKOUT_JAR, partial);
fs.renameSync(partial, PACKAGED_JAR);
console.error(`prepack: packed ${path.relative(process.cwd(), CHECKOUT_JAR)} as jar/syncwire.jar`);
