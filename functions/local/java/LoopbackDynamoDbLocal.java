import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local bound to one address (loopback) instead of every interface.
 *
 * DynamoDB Local has no bind option: its DynamoDBProxyServer builds `new org.eclipse.jetty.server.Server(port)`,
 * whose connector listens on all interfaces and accepts any request signature, so anyone on the network
 * could read and write the hub's tables. This launcher builds the server from the same command line
 * (-port, -inMemory, -dbPath, -sharedDb, -disableTelemetry), sets the Jetty connector's host before it
 * starts, then starts it. The host comes from the system property `ocpihub.bindHost`.
 *
 * Compiled once by functions/local/dynamodb-local.ts with the JDK's javac against the jar it runs with.
 */
public final class LoopbackDynamoDbLocal {
  private LoopbackDynamoDbLocal() {}

  public static void main(String[] args) throws Exception {
    String host = System.getProperty("ocpihub.bindHost", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    Connector[] connectors = jetty.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost(host);
    proxy.start();
  }
}
