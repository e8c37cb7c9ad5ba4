-- Districts are data, not code: the pilot districts ship here, the other disadvantaged districts of
-- Miskolc (and partner cities) are added as rows without a release.
create table district (
    code          varchar(40)  primary key,
    name          varchar(120) not null unique,
    city          varchar(80)  not null,
    service_point varchar(160),
    pilot         boolean      not null default false,
    active        boolean      not null default true
);

insert into district (code, name, city, service_point, pilot) values
    ('babonyiberc', 'Bábonyibérc', 'Miskolc', 'Bábonyibérci Szolgáltatópont', true),
    ('tetemvar',    'Tetemvár',    'Miskolc', 'Tetemvári Szolgáltatópont',    true);
