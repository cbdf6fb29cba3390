/**
 * The {@code bucketproof} command line (picocli): one class per command. Commands write to
 * picocli's {@code getOut()} / {@code getErr()} and read ids from the standard input given to
 * {@link dev.bucketproof.reports.cli.BucketproofCli#run}; nothing is global.
 *
 * <p>Depends on every other package of this module; nothing depends on it.
 *
 * <pre>{@code
 * int exitCode = BucketproofCli.run(new String[] {"bucket", "--flag", "gr1", "--rollout", "80", "123"},
 *     System.in, System.out, System.err);
 * }</pre>
 */
package dev.bucketproof.reports.cli;
