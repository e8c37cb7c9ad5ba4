package hu.miskolc.fourim.district;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The districts served (table {@code district}); adding one is a row, not a release. */
@Repository
public class DistrictRepository {

    public record District(String code, String name, String city, String servicePoint, boolean pilot) {
    }

    private final JdbcTemplate jdbc;

    DistrictRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "select code, name, city, service_point, pilot from district";

    public List<District> active() {
        return jdbc.query(COLUMNS + " where active order by name", DistrictRepository::map);
    }

    /** An active district by its code (every survey start looks its district up: one row by its key). */
    public Optional<District> find(String code) {
        return jdbc.query(COLUMNS + " where code = ? and active", DistrictRepository::map, code).stream().findFirst();
    }

    private static District map(ResultSet rs, int row) throws SQLException {
        return new District(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5));
    }
}
