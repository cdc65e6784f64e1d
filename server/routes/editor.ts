import { BuiltinsResponse, FormatBody, FormatResponse, InvalidRego, TestBody, TestReport, ValidateBody, ValidateOk } from '../../contract/index.ts';
import type { Services } from '../services/index.ts';
import { errors, type ZodApp } from './common.ts';

export function editorRoutes(app: ZodApp, s: Services) {
  let builtins: unknown[] | undefined; // the engine's catalogue does not change while it runs

  app.get('/v1/builtins', { config: { permission: 'read' }, schema: { tags: ['editor'], response: { 200: BuiltinsResponse, ...errors } } }, async () => {
    builtins ??= (await s.deps.engine.client.builtins()).builtins;
    return { builtins } as BuiltinsResponse;
  });

  app.post(
    '/v1/policies/validate',
    { config: { permission: 'read' }, schema: { tags: ['policies'], summary: 'Compile one policy with OPA', body: ValidateBody, response: { 200: ValidateOk, 422: InvalidRego, ...errors } } },
    async (req) => s.policies.validate(req.body.content),
  );

  app.post(
    '/v1/policies/format',
    { config: { permission: 'read' }, schema: { tags: ['editor'], body: FormatBody, response: { 200: FormatResponse, 422: InvalidRego, ...errors } } },
    async (req) => s.policies.format(req.body.content),
  );

  app.post(
    '/v1/policies/test',
    { config: { permission: 'read' }, schema: { tags: ['editor'], summary: 'Run the Rego tests in one policy', body: TestBody, response: { 200: TestReport, 422: InvalidRego, ...errors } } },
    async (req) => s.policies.test(req.body.content),
  );
}
