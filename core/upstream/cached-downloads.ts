// Upstream.download through the file cache (core/store/file-cache.ts): a file is fetched from Worksection
// once, streamed to disk under the per-file limit, and served from disk afterwards. What a download cost
// goes on the call's stats (a request, or a cache hit) with the time its bytes were fetched. A file over
// the limit throws FileTooLargeError, which the tools' error mapping turns into advice for the model.
import type { FileCache } from '../store/file-cache.js';
import type { DownloadedFile, WorksectionClient } from '../worksection/client.js';
import { noteFetched, type CallStats } from './upstream.js';

export interface FileCacheScope {
  download(
    fileId: string,
    call: { caller: string; signal: AbortSignal; stats: CallStats },
  ): Promise<DownloadedFile>;
}

export function createFileCacheScope(cache: FileCache, client: WorksectionClient): FileCacheScope {
  return {
    async download(fileId, { caller, signal, stats }) {
      const { file, origin } = await cache.get(
        fileId,
        // Runs only for the call that starts the download; calls that join it cost nothing upstream.
        ({ maxBytes, signal: transfer }) => {
          stats.upstreamRequests += 1;
          return client.downloadStream(fileId, { maxBytes, caller, signal: transfer });
        },
        signal,
      );
      if (origin !== 'upstream') stats.cacheHits += 1;
      noteFetched(stats, file.fetchedAt);
      return { bytes: file.bytes, filename: file.name, contentType: file.mimeType, etag: file.etag };
    },
  };
}
