import { describe, expect, it } from 'vitest';
import { createWorkflow } from '../workflow/workflow.js';
import { isWorkflowAgent } from './workflow-agent.js';

describe('isWorkflowAgent', () => {
  it('should recognise a workflow by its mark', () => {
    expect(isWorkflowAgent(createWorkflow<string>().step((query) => query))).toBe(true);
  });

  it('should refuse look-alikes without the mark', () => {
    const lookalike = { name: 'w', description: undefined, run: async () => 'x' };
    expect(isWorkflowAgent(lookalike)).toBe(false);
    expect(isWorkflowAgent(() => 'x')).toBe(false);
    expect(isWorkflowAgent(null)).toBe(false);
  });
});
