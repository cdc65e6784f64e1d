import { policyTemplates } from '../src/policies/templates.ts';
import { expect, test } from './support/fixtures';

// Templates are what a newcomer starts from: each must compile in the real engine, and the
// business-hours one must decide from input.context.time.
test('every policy template compiles in the engine', async ({ admin }) => {
  for (const template of policyTemplates) {
    const response = await admin.request.post('/v1/policies/validate', { data: { content: template.content } });
    expect(response.status(), `${template.title}: ${await response.text()}`).toBe(200);
  }
});

test('the business-hours template denies at night and not at noon on a weekday', async ({ admin }) => {
  const template = policyTemplates.find((t) => t.id === 'business-hours')!;
  const withTests = `${template.content}
test_noon_on_a_tuesday_is_fine if {
	count(deny) == 0 with input as {"context": {"time": "2026-05-19T12:00:00Z"}}
}

test_night_is_denied if {
	"outside_business_hours" in deny with input as {"context": {"time": "2026-05-19T23:00:00Z"}}
}

test_saturday_is_denied if {
	"outside_business_hours" in deny with input as {"context": {"time": "2026-05-23T12:00:00Z"}}
}
`;
  const response = await admin.request.post('/v1/policies/test', { data: { content: withTests } });
  expect(response.status()).toBe(200);
  const report = await response.json();
  expect(report.tests.map((t: { name: string; status: string }) => `${t.name}: ${t.status}`)).toEqual([
    'test_noon_on_a_tuesday_is_fine: pass',
    'test_night_is_denied: pass',
    'test_saturday_is_denied: pass',
  ]);
});
