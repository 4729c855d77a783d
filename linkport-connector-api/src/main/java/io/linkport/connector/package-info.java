/**
 * The connector SPI: what an institution integration implements so Linkport can log a user in
 * and run operations against that institution. It depends on nothing but the JDK, so a third
 * party can build a connector without pulling in the server.
 *
 * <p>A connector is discovered with {@link java.util.ServiceLoader}: put a jar with a
 * {@code META-INF/services/io.linkport.connector.Connector} file on the server's classpath.
 *
 * <p>Connectors are stateless between calls. Everything a login needs later — a session cookie,
 * an MFA transaction id, OAuth tokens — travels in {@link io.linkport.connector.ConnectorState},
 * which Linkport encrypts and stores, and hands back on the next call, possibly on another node.
 */
package io.linkport.connector;
