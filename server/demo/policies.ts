// Four realistic policies for the demo zone: two grants, a suspension deny, a time window.
export const demoPolicies = [
  {
    name: 'payments-read',
    description: 'Payments services may read payment resources with the payments:read scope.',
    content: `package caracal.authz

# Applications of the payments team may read payment resources.
allow if {
	"team:payments" in input.principal.labels
	startswith(input.resource.identifier, "resource://payments/")
	count(input.context.requested_scopes) > 0
	every scope in input.context.requested_scopes {
		scope == "payments:read"
	}
}
`,
  },
  {
    name: 'support-tools',
    description: 'Support tooling may read and update tickets.',
    content: `package caracal.authz

support_scopes := {"tickets:read", "tickets:write"}

# Support applications may use the ticket scopes on the support tools.
allow if {
	"team:support" in input.principal.labels
	input.resource.identifier == "resource://support-tools"
	count(input.context.requested_scopes) > 0
	every scope in input.context.requested_scopes {
		scope in support_scopes
	}
}
`,
  },
  {
    name: 'deny-suspended',
    description: 'A suspended application gets nothing, whatever else allows it.',
    content: `package caracal.authz

deny contains {"reason": "application_suspended", "message": msg} if {
	"suspended" in input.principal.labels
	msg := sprintf("application %s is suspended", [input.principal.id])
}
`,
  },
  {
    name: 'business-hours',
    description: 'Applications labelled hours:business may only exchange tokens on weekdays, 08:00-18:00 UTC.',
    content: `package caracal.authz

# Time comes from the input, never the clock, so every decision can be replayed.
deny contains {"reason": "outside_business_hours", "message": msg} if {
	"hours:business" in input.principal.labels
	not within_business_hours
	msg := sprintf("%s may only exchange tokens on weekdays between 08:00 and 18:00 UTC", [input.principal.id])
}

within_business_hours if {
	t := time.parse_rfc3339_ns(input.context.time)
	[hour, _, _] := time.clock(t)
	hour >= 8
	hour < 18
	not time.weekday(t) in {"Saturday", "Sunday"}
}
`,
  },
];
