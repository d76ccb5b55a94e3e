import { isUpstreamError } from '../upstreams/upstream-error.js';
import { scimErrorFromUpstream } from './upstream-error-mapping.js';

/** Run an upstream operation, turning its UpstreamError into the matching ScimError. */
export async function viaUpstream<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    if (isUpstreamError(e)) throw scimErrorFromUpstream(e);
    throw e;
  }
}
