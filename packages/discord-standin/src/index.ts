// The package's one entry point: startStandin, the types a test or a sandbox needs, and Discord's
// error codes and snowflake helpers for assertions.
export * from './server.js';
export { ErrorCode } from './errors.js';
export { createSnowflakeGenerator, shardForGuild, snowflakeTimestamp, type SnowflakeGenerator } from './snowflake.js';
