package hu.miskolc.fourim.district;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import hu.miskolc.fourim.database.TransactionMemo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The districts served (table {@code district}); adding one is a row, not a release. */
@Repository
public class DistrictRepository {

    public record District(String code, String name, String city, String servicePoint, boolean pilot) {
    }

    /** The districts find has read in the current transaction. */
    private static final Object FOUND = new Object();

    private final JdbcTemplate jdbc;

    DistrictRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "select code, name, city, service_point, pilot from district";

    public List<District> active() {
        return jdbc.query(COLUMNS + " where active order by name", DistrictRepository::map);
    }

    /**
     * An active district by its code. Every survey start looks its district up; a transaction reads each district
     * once (the bulk import starts two hundred surveys in one).
     */
    public Optional<District> find(String code) {
        return TransactionMemo.<String, Optional<District>>of(FOUND).computeIfAbsent(code, c -> jdbc.query(
                COLUMNS + " where code = ? and active", DistrictRepository::map, c).stream().findFirst());
    }

    private static District map(ResultSet rs, int row) throws SQLException {
        return new District(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5));
    }
}
