/**
 * A start-up failure whose message is already the one line the operator needs: what is wrong and
 * what to do. `failStart` prints it as is and ends the process with exit code 1.
 */
export class StartFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartFault';
  }
}
