/**
 * A scanner as a worker of the controller: it joins with a token, keeps a session on the link, and runs the jobs
 * it is given ({@link dev.bulwark.scanner.worker.ScanWorker}); what each kind of job does is in
 * {@link dev.bulwark.scanner.worker.Jobs}.
 */
package dev.bulwark.scanner.worker;
