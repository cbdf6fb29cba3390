/**
 * Where the ids of an audit come from: seeded, versioned populations of one {@link
 * dev.bucketproof.reports.ids.IdShape} (UUIDs, sequential, prefixed, emails, Unicode names, long
 * ids) and a user's file of ids, one per line, with every rejected line counted by number.
 *
 * <p>Depends on nothing else of this module.
 *
 * <pre>{@code
 * IdSource users = Population.of(IdShape.EMAIL, 1_000_000);   // id i depends only on shape, seed and i
 * Optional<LineReport> lines = new IdFile(Path.of("ids.txt")).forEachChunk(8192, chunk -> {
 *   for (int i = 0; i < chunk.size(); i++) {
 *     System.out.println(chunk.start() + i + " " + chunk.id(i));
 *   }
 * });
 * }</pre>
 */
package dev.bucketproof.reports.ids;
