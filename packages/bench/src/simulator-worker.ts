import { parentPort, workerData } from 'node:worker_threads';
import { type SimulatorFault, type SimulatorOptions, startSimulator } from '@kagura-ts/testing';
import { toSimulatedRequest } from './simulated-request.js';

/** A command from {@link startSimulatorThread} to the worker. */
export type SimulatorCommand =
  | { id: number; method: 'requestCount' }
  | { id: number; method: 'requests' }
  | { id: number; method: 'injectFault'; fault: SimulatorFault }
  | { id: number; method: 'reset' }
  | { id: number; method: 'close' };

// Runs the simulator on its own thread, so that serving replies never competes with the
// clients under test for the main thread, as a real server would not.
const simulator = await startSimulator(workerData as SimulatorOptions);
const port = parentPort!;
port.postMessage({
  ready: true,
  openaiBaseURL: simulator.openaiBaseURL,
  anthropicBaseURL: simulator.anthropicBaseURL,
});
port.on('message', async (command: SimulatorCommand) => {
  let value: unknown;
  if (command.method === 'requestCount') value = simulator.requests.length;
  else if (command.method === 'requests') value = simulator.requests.map(toSimulatedRequest);
  else if (command.method === 'injectFault') simulator.injectFault(command.fault);
  else if (command.method === 'reset') simulator.reset();
  else {
    await simulator.close();
    port.postMessage({ id: command.id, value });
    port.close();
    return;
  }
  port.postMessage({ id: command.id, value });
});
