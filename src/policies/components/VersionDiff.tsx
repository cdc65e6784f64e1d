import type { PolicyVersion } from '../../api/schemas';
import { RegoDiffEditor } from '../../editor';

export function VersionDiff({ base, compare }: { base: PolicyVersion; compare: PolicyVersion }) {
  return (
    <section aria-label={`Differences between version ${base.version} and version ${compare.version}`}>
      <p className="muted" role="status">
        Showing version {base.version} (left) against version {compare.version} (right)
        {base.content === compare.content ? ' — the texts are identical.' : '.'}
      </p>
      <RegoDiffEditor
        original={base.content}
        modified={compare.content}
        originalLabel={`Version ${base.version}`}
        modifiedLabel={`Version ${compare.version}`}
      />
    </section>
  );
}
