package io.github.secdns.jdbc.modulepath;

import io.github.secdns.core.catalog.MemberLabels;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.jdbc.FlywayMigrations;
import io.github.secdns.jdbc.JdbcCatalogLabelStore;
import io.github.secdns.jdbc.JdbcZoneStore;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/**
 * Run by {@code ModulePathTest} in a JVM whose module path holds secdns-jdbc, core, dnsjava, H2 and
 * Flyway (this class is on the class path, in a package of its own: the module's packages cannot be
 * split): migrates an in-memory H2 database, publishes and loads a version, labels a catalog
 * member.
 */
public final class ModulePathMain {

  private ModulePathMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println("module=" + JdbcZoneStore.class.getModule().getName());
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:modulepath;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    System.out.println("migrations=" + FlywayMigrations.migrate(ds));
    Name origin = Name.fromConstantString("module.example.");
    SOARecord soa =
        new SOARecord(
            origin,
            DClass.IN,
            3600,
            Name.fromConstantString("ns1.module.example."),
            Name.fromConstantString("hostmaster.module.example."),
            42,
            7200,
            900,
            1209600,
            300);
    ZoneSnapshot version =
        ZoneSnapshot.of(soa, List.of(new TXTRecord(origin, DClass.IN, 300, "on the module path")));
    try (JdbcZoneStore store = JdbcZoneStore.builder(ds).build()) {
      store.publish(VersionWrite.first(version));
      System.out.println("loaded=" + store.load(origin).orElseThrow().snapshot().serial());
    }
    Name catalog = Name.fromConstantString("catalog.module.example.");
    MemberLabels labels = MemberLabels.of(JdbcCatalogLabelStore.on(ds));
    System.out.println("label=" + labels.assign(catalog, List.of(origin)).get(origin));
  }
}
