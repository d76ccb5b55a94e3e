import { loadSourceSimulatorSandbox } from '../../upstreams/simulator-sandbox.js';
import type { SourceDescriptor } from '../source-descriptor.js';
import { googleWorkspaceConfigSchema, type GoogleWorkspaceConfig } from './google-workspace-config.js';
import { createGoogleWorkspaceSource } from './google-workspace-source.js';

/** Google Workspace's Directory API as an identity source (docs/sources/google-workspace.md), for src/registry.ts. */
export const googleWorkspaceSource: SourceDescriptor<'google-workspace', GoogleWorkspaceConfig> = {
  type: 'google-workspace',
  configSchema: googleWorkspaceConfigSchema,
  create: (config, deps) => createGoogleWorkspaceSource(config, deps),
  loadSandbox: () => loadSourceSimulatorSandbox('google-workspace'),
};
