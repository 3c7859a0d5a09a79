import type { NextFunction, Request, Response } from 'express';

/** Requests the ABS is serving at once, and the most it ever served at once: what incident I1 is about. */
export class AbsConcurrency {
  current = 0;
  peak = 0;
  total = 0;

  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    this.current += 1;
    this.total += 1;
    this.peak = Math.max(this.peak, this.current);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.current -= 1;
    };
    response.once('finish', finish);
    response.once('close', finish);
    next();
  };
}
