create table product (
    sku        varchar(64)  primary key,
    name       varchar(200) not null,
    unit_price bigint       not null check (unit_price >= 0),
    currency   char(3)      not null
);

-- the demo catalog; prices in euro cents
insert into product (sku, name, unit_price, currency) values
    ('BOOK-DDD',      'Domain-Driven Design (book)',             5490, 'EUR'),
    ('BOOK-EIP',      'Enterprise Integration Patterns (book)',  5990, 'EUR'),
    ('BOOK-DDIA',     'Designing Data-Intensive Applications',   4490, 'EUR'),
    ('BOOK-REFACT',   'Refactoring, 2nd edition (book)',         4290, 'EUR'),
    ('MUG-CQRS',      'CQRS mug',                                1290, 'EUR'),
    ('MUG-ES',        'Event Sourcing mug',                      1290, 'EUR'),
    ('TSHIRT-KAFKA',  'Kafka t-shirt',                           2490, 'EUR'),
    ('TSHIRT-REDIS',  'Redis t-shirt',                           2490, 'EUR'),
    ('HOODIE-AXON',   'Axon hoodie',                             4990, 'EUR'),
    ('STICKER-PACK',  'Sticker pack (20 stickers)',               590, 'EUR'),
    ('NOTEBOOK-A5',   'A5 dotted notebook',                       990, 'EUR'),
    ('PEN-GEL',       'Gel pen, black',                           250, 'EUR'),
    ('KEYBOARD-MECH', 'Mechanical keyboard',                    12900, 'EUR'),
    ('MOUSE-ERGO',    'Ergonomic mouse',                         5900, 'EUR'),
    ('HEADSET-BT',    'Bluetooth headset',                       8900, 'EUR'),
    ('MONITOR-27',    '27-inch monitor',                        27900, 'EUR'),
    ('USB-C-HUB',     'USB-C hub, 7 ports',                      3990, 'EUR'),
    ('CABLE-USB-C',   'USB-C cable, 2 m',                         990, 'EUR'),
    ('LAMP-DESK',     'LED desk lamp',                           3490, 'EUR'),
    ('CHAIR-OFFICE',  'Office chair',                           19900, 'EUR'),
    ('PLANT-FICUS',   'Ficus in a pot',                          2990, 'EUR'),
    ('COFFEE-BEANS',  'Coffee beans, 1 kg',                      1890, 'EUR'),
    ('TEA-GREEN',     'Green tea, 100 g',                         690, 'EUR'),
    ('BACKPACK-15',   'Laptop backpack, 15 inch',                6990, 'EUR');
