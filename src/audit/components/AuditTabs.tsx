import { NavLink, useParams } from 'react-router';

/** Decisions | Admin activity — the audit screens' own navigation. */
export function AuditTabs() {
  const { zoneId = '' } = useParams();
  const z = `/zones/${encodeURIComponent(zoneId)}/audit`;
  return (
    <nav aria-label="Audit views" className="audit-tabs">
      <NavLink to={z} end>
        Decisions
      </NavLink>
      <NavLink to={`${z}/activity`}>Admin activity</NavLink>
    </nav>
  );
}
