// The local Slack stand-in lives beside the Slack adapter (the fan-out bench uses it too).
export * from '../../src/platforms/slack/local-server.js';
