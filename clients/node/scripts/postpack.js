'use strict';
// After npm pack: drop the copied jar, so this checkout keeps using the freshly built cli/target one.
const fs = require('node:fs');
const path = require('node:path');
const { PACKAGED_JAR } = require('../lib/java');

fs.rmSync(path.dirname(PACKAGED_JAR), { recursive: true, force: true });
