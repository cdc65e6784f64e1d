/** Starting points for a new policy. Each compiles as-is and reads only the decision contract's input. */
export interface PolicyTemplate {
  id: string;
  title: string;
  summary: string;
  content: string;
}

export const policyTemplates: readonly PolicyTemplate[] = [
  {
    id: 'blank',
    title: 'Blank',
    summary: 'Just the package line.',
    content: `package caracal.authz

# Add allow and deny rules. The request is in input: principal, resource, action, context.
`,
  },
  {
    id: 'label-scope',
    title: 'Grant by application label and scope',
    summary: 'Applications with a label may get tokens for one resource, with listed scopes only.',
    content: `package caracal.authz

# Applications labelled "team:payments" may get tokens for the payments API,
# and only with the scopes listed here.
payments_scopes := {"payments:read", "payments:write"}

allow if {
	"team:payments" in input.principal.labels
	input.resource.identifier == "resource://payments-api"
	every scope in input.context.requested_scopes {
		scope in payments_scopes
	}
}
`,
  },
  {
    id: 'deny-suspended',
    title: 'Deny suspended applications',
    summary: 'Any application labelled "suspended" is denied, whatever else allows it.',
    content: `package caracal.authz

deny contains {"reason": "application_suspended", "message": msg} if {
	"suspended" in input.principal.labels
	msg := sprintf("application %s is suspended", [input.principal.id])
}
`,
  },
  {
    id: 'business-hours',
    title: 'Business hours',
    summary: 'Deny outside 08:00–18:00 UTC on weekdays, using the request time from input.context.time.',
    content: `package caracal.authz

# Time comes from the request, never from the clock, so every decision can be replayed.
request_ns := time.parse_rfc3339_ns(input.context.time)

business_hours if {
	not time.weekday(request_ns) in {"Saturday", "Sunday"}
	hour := time.clock(request_ns)[0]
	hour >= 8
	hour < 18
}

deny contains "outside_business_hours" if {
	not business_hours
}
`,
  },
  {
    id: 'ownership',
    title: 'Resource ownership',
    summary: 'An application may get tokens for resources under resource://apps/<its id>/.',
    content: `package caracal.authz

owned_prefix := sprintf("resource://apps/%s/", [input.principal.id])

allow if {
	startswith(input.resource.identifier, owned_prefix)
}
`,
  },
];
