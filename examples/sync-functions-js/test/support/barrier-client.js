'use strict';
// A twilio RequestClient that holds matching requests until `parties` of them are waiting, then
// sends them all at once: makes a create race happen every run instead of now and then.
const { RequestClient } = require('twilio');

class BarrierRequestClient extends RequestClient {
  constructor(parties, matches) {
    super();
    this.parties = parties;
    this.matches = matches;
    this.waiting = [];
  }

  async request(opts) {
    if (this.matches(opts) && this.parties > 0) {
      await new Promise((release) => {
        this.waiting.push(release);
        if (this.waiting.length === this.parties) {
          this.parties = 0; // one-shot
          this.waiting.forEach((r) => r());
        }
      });
    }
    return super.request(opts);
  }
}

module.exports = { BarrierRequestClient };
