package hu.miskolc.fourim.migration;

/** A request the migration tool cannot carry out as asked: answered with 400 and the message of {@code code}. */
class MigrationRequestException extends RuntimeException {

    private final String code;
    private final transient Object[] args;

    MigrationRequestException(String code, Object... args) {
        super(code);
        this.code = code;
        this.args = args;
    }

    String code() {
        return code;
    }

    Object[] args() {
        return args;
    }
}
