/** Tool version, recorded in manifests and part of every stage cache key (a test keeps it equal to package.json). */
export const TOOL_VERSION = '0.1.0';
