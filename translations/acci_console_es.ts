<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Database role</source>
        <translation>Rol de base de datos</translation>
    </message>
    <message>
        <source>OS user</source>
        <translation>Usuario del sistema</translation>
    </message>
</context>
<context>
    <name>DeadLetterTableModel</name>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Parked at</source>
        <translation>Aparcado el</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>Bloquea</translation>
    </message>
    <message>
        <source>The projection stopped at this event; it waits for a retry or a skip</source>
        <translation>La proyección se detuvo en este evento; espera un reintento o un descarte</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The database lacks part of the ACCI schema (%1); run &apos;acci-admin migrate&apos; against it, or connect to the right database.</source>
        <translation>A la base de datos le falta parte del esquema de ACCI (%1); ejecuta &apos;acci-admin migrate&apos; contra ella, o conéctate a la base de datos correcta.</translation>
    </message>
    <message>
        <source>The database role lacks the rights for this (%1); connect with a role that has them, or ask the database owner.</source>
        <translation>El rol de la base de datos no tiene permisos para esto (%1); conéctate con un rol que los tenga, o pídeselos al propietario de la base de datos.</translation>
    </message>
    <message>
        <source>The database server went away (%1); check that it is running, then retry.</source>
        <translation>El servidor de la base de datos desapareció (%1); comprueba que está en marcha y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The query was cancelled (%1).</source>
        <translation>La consulta se canceló (%1).</translation>
    </message>
    <message>
        <source>The database rejected a value (%1); check the input.</source>
        <translation>La base de datos rechazó un valor (%1); revisa la entrada.</translation>
    </message>
    <message>
        <source>The database reported an error: %1.</source>
        <translation>La base de datos informó de un error: %1.</translation>
    </message>
    <message>
        <source>Lost the connection to the database server (%1); check that it is running and reachable, then retry.</source>
        <translation>Se perdió la conexión con el servidor de la base de datos (%1); comprueba que está en marcha y accesible, y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The connection broke while committing, so the change may or may not be stored (%1); check before retrying.</source>
        <translation>La conexión se cortó al confirmar, así que el cambio puede haberse guardado o no (%1); compruébalo antes de reintentar.</translation>
    </message>
    <message>
        <source>Invalid JSON: %1.</source>
        <translation>JSON no válido: %1.</translation>
    </message>
    <message>
        <source>Connected to a standby; actions need the primary (the server said: %1). Give the primary in the connection dialog&apos;s Primary field or with --primary, or list its host in the connection string.</source>
        <translation>Conectado a una réplica (standby); las acciones necesitan el primario (el servidor dijo: %1). Indica el primario en el campo «Primario para acciones» del diálogo de conexión o con --primary, o añade su host a la cadena de conexión.</translation>
    </message>
    <message>
        <source>The standby cancelled the read because replaying the primary&apos;s changes needed the rows it was reading (%1); retry it, or have the standby&apos;s administrator turn on hot_standby_feedback or raise max_standby_streaming_delay.</source>
        <translation>La réplica canceló la lectura porque aplicar los cambios del primario necesitaba las filas que estaba leyendo (%1); vuelve a intentarlo, o pide al administrador de la réplica que active hot_standby_feedback o aumente max_standby_streaming_delay.</translation>
    </message>
    <message>
        <source>The server ended this session (%1): an administrator terminated it or the server is shutting down; retry, and if it fails again check that the server is running.</source>
        <translation>El servidor cerró esta sesión (%1): un administrador la terminó o el servidor se está apagando; vuelve a intentarlo y, si falla de nuevo, comprueba que el servidor está en marcha.</translation>
    </message>
    <message>
        <source>The server&apos;s statement_timeout ended the query (%1); raise it for this role (ALTER ROLE … SET statement_timeout) or run this as a role without one.</source>
        <translation>El statement_timeout del servidor terminó la consulta (%1); súbelo para este rol (ALTER ROLE … SET statement_timeout) o ejecuta esto con un rol que no lo tenga.</translation>
    </message>
</context>
<context>
    <name>HealthText</name>
    <message>
        <source>Replay is paused: %1 resumes it.</source>
        <translation>La aplicación del WAL está en pausa: %1 la reanuda.</translation>
    </message>
    <message>
        <source>The database answers (a standby).</source>
        <translation>La base de datos responde (una réplica).</translation>
    </message>
    <message>
        <source>The database answers (the primary).</source>
        <translation>La base de datos responde (el primario).</translation>
    </message>
    <message>
        <source>The ACCI schema is up to date (version %1).</source>
        <translation>El esquema de ACCI está al día (versión %1).</translation>
    </message>
    <message>
        <source>No events yet.</source>
        <translation>Todavía no hay eventos.</translation>
    </message>
    <message>
        <source>The newest event is %1 s old (limit %2 s).</source>
        <translation>El evento más reciente tiene %1 s (límite %2 s).</translation>
    </message>
    <message>
        <source>The newest event is %1 s old (limit %2 s): no recent events processed.</source>
        <translation>El evento más reciente tiene %1 s (límite %2 s): no se han procesado eventos recientes.</translation>
    </message>
    <message>
        <source>%1 is %2, %3 events (%4 s) behind</source>
        <translation>%1 está %2, con %3 eventos (%4 s) de retraso</translation>
    </message>
    <message>
        <source> (%1 of them held back)</source>
        <translation> (%1 de ellos retenidos)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 dead letters for %2.</source>
        <translation>%1 mensajes muertos para %2.</translation>
    </message>
    <message>
        <source>No committed event waits behind an open transaction.</source>
        <translation>Ningún evento confirmado espera detrás de una transacción abierta.</translation>
    </message>
    <message>
        <source>%1 committed events have waited %2 s (limit %3 s). %4</source>
        <translation>%1 eventos confirmados han esperado %2 s (límite %3 s). %4</translation>
    </message>
    <message>
        <source>This is a standby that receives nothing from its primary (no WAL receiver is streaming): what it shows stays that old. Check primary_conninfo, the primary and the network (pg_stat_wal_receiver, the standby&apos;s log).</source>
        <translation>Es una réplica (standby) que no recibe nada de su primario (ningún receptor de WAL transmite): lo que muestra se queda igual de antiguo. Revisa primary_conninfo, el primario y la red (pg_stat_wal_receiver, el registro de la réplica).</translation>
    </message>
    <message>
        <source>This is a standby that receives nothing from its primary (no WAL receiver is streaming); its last replayed transaction committed %1 s ago: what it shows stays that old. Check primary_conninfo, the primary and the network (pg_stat_wal_receiver, the standby&apos;s log).</source>
        <translation>Es una réplica (standby) que no recibe nada de su primario (ningún receptor de WAL transmite); su última transacción aplicada se confirmó hace %1 s: lo que muestra se queda igual de antiguo. Revisa primary_conninfo, el primario y la red (pg_stat_wal_receiver, el registro de la réplica).</translation>
    </message>
    <message>
        <source>This is a standby, replaying %1 s behind the primary (limit %2 s).</source>
        <translation>Es una réplica (standby) que aplica el WAL con %1 s de retraso respecto al primario (límite %2 s).</translation>
    </message>
    <message>
        <source>This is a standby, replaying %1 s behind the primary (limit %2 s): what it shows is that old; check its replication (pg_stat_wal_receiver).</source>
        <translation>Es una réplica (standby) que aplica el WAL con %1 s de retraso respecto al primario (límite %2 s): lo que muestra tiene esa antigüedad; revise su replicación (pg_stat_wal_receiver).</translation>
    </message>
    <message>
        <source>This is a standby that has replayed no transaction since it started; its delay is not known yet.</source>
        <translation>Es una réplica (standby) que no ha aplicado ninguna transacción desde que arrancó; aún no se conoce su retraso.</translation>
    </message>
    <message>
        <source>This is a standby that has replayed no transaction since it started (%1 bytes received, not yet replayed); its delay is not known yet.</source>
        <translation>Es una réplica (standby) que no ha aplicado ninguna transacción desde que arrancó (%1 bytes recibidos, aún sin aplicar); aún no se conoce su retraso.</translation>
    </message>
    <message>
        <source>The role %1 may not read %2, so these checks could not run: %3. Have the store&apos;s owner run &apos;acci-admin grant reader %1&apos; (README, &quot;Roles&quot;), or check health as a role that can read it.</source>
        <translation>El rol %1 no puede leer %2, así que estos controles de salud no se pudieron hacer: %3. Pide al propietario del almacén de eventos que ejecute &apos;acci-admin grant reader %1&apos; (README, «Roles»), o comprueba la salud con un rol que pueda leerlo.</translation>
    </message>
    <message>
        <source>1 dead letter for %1.</source>
        <translation>1 mensaje muerto para %1.</translation>
    </message>
    <message>
        <source>%1 is behind or faulted</source>
        <translation>%1 va retrasada o tiene un fallo</translation>
    </message>
    <message>
        <source>%1 has dead letters</source>
        <translation>%1 tiene mensajes muertos</translation>
    </message>
    <message>
        <source>no recent events</source>
        <translation>no hay eventos recientes</translation>
    </message>
    <message>
        <source>events held back by an open transaction</source>
        <translation>eventos retenidos por una transacción abierta</translation>
    </message>
    <message>
        <source>the standby is behind its primary</source>
        <translation>la réplica va por detrás de su primario</translation>
    </message>
    <message>
        <source>this role may not read what some checks need</source>
        <translation>este rol no puede leer lo que necesitan algunos controles</translation>
    </message>
    <message>
        <source>the schema is not current</source>
        <translation>el esquema no está al día</translation>
    </message>
    <message>
        <source>the checks could not read the database</source>
        <translation>los controles no pudieron leer la base de datos</translation>
    </message>
</context>
<context>
    <name>ProjectionTableModel</name>
    <message>
        <source>More than %1 events behind: estimated from the positions, not counted</source>
        <translation>Más de %1 eventos de retraso: estimado a partir de las posiciones, sin contar</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>unos %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <source>rebuilding</source>
        <translation>reconstruyendo</translation>
    </message>
    <message>
        <source>faulted</source>
        <translation>con fallo</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactiva</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>Proyección</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Kept by this program: it can run and rebuild it</source>
        <translation>La mantiene este programa: puede ejecutarla y reconstruirla</translation>
    </message>
    <message>
        <source>Kept by another program; known by its checkpoint</source>
        <translation>La mantiene otro programa; se conoce por su punto de control</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>integrada</translation>
    </message>
    <message>
        <source>external</source>
        <translation>externa</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Rebuilding since %1, by %2</source>
        <translation>Reconstruyendo desde %1, por %2</translation>
    </message>
    <message>
        <source>The rebuild started at %1 by %2 was interrupted: its process ended without finishing. The live table was left as it was.</source>
        <translation>La reconstrucción iniciada el %1 por %2 se interrumpió: su proceso terminó sin acabarla. La tabla en uso quedó como estaba.</translation>
    </message>
    <message>
        <source>%1 · rebuild interrupted</source>
        <translation>%1 · reconstrucción interrumpida</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Punto de control</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Cabeza</translation>
    </message>
    <message>
        <source>Lag (events)</source>
        <translation>Retraso (eventos)</translation>
    </message>
    <message>
        <source>Lag (time)</source>
        <translation>Retraso (tiempo)</translation>
    </message>
    <message>
        <source>Age of the oldest event the projection has not applied yet</source>
        <translation>Antigüedad del evento más antiguo que la proyección aún no ha aplicado</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendencia</translation>
    </message>
    <message>
        <source>↑ rising</source>
        <translation>↑ sube</translation>
    </message>
    <message>
        <source>↓ falling</source>
        <translation>↓ baja</translation>
    </message>
    <message>
        <source>→ steady</source>
        <translation>→ estable</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Cola de mensajes muertos</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>%1 readable, %2 held back: %3</source>
        <translation>%1 legibles, %2 retenidos: %3</translation>
    </message>
    <message>
        <source>%1 (%2 held back)</source>
        <translation>%1 (%2 retenidos)</translation>
    </message>
    <message>
        <source>Measuring: the trend shows after a few polls (about 10 s)</source>
        <translation>Midiendo: la tendencia aparece tras unas pocas consultas (unos 10 s)</translation>
    </message>
    <message>
        <source>How the lag moved over the last 10 seconds or so</source>
        <translation>Cómo ha cambiado el retraso en los últimos 10 segundos, más o menos</translation>
    </message>
    <message>
        <source>measuring</source>
        <translation>midiendo</translation>
    </message>
    <message>
        <source>events parked as dead letters</source>
        <translation>eventos aparcados en la cola de mensajes muertos</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Starting the demo…</source>
        <translation>Iniciando la demo…</translation>
    </message>
    <message>
        <source>ACCI Event Console</source>
        <translation>Consola de eventos ACCI</translation>
    </message>
    <message>
        <source>DEMO DATABASE — private, deleted on exit</source>
        <translation>BASE DE DATOS DE DEMOSTRACIÓN — privada, se borra al salir</translation>
    </message>
    <message>
        <source>The demo could not start</source>
        <translation>No se pudo iniciar la demo</translation>
    </message>
</context>
<context>
    <name>SnapshotMismatchModel</name>
    <message>
        <source>equal</source>
        <translation>igual</translation>
    </message>
    <message>
        <source>different</source>
        <translation>distinta</translation>
    </message>
    <message>
        <source>out of range</source>
        <translation>fuera de rango</translation>
    </message>
    <message>
        <source>fold error</source>
        <translation>error al plegar</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>ilegible</translation>
    </message>
    <message>
        <source>The snapshot is the fold of the events up to its version.</source>
        <translation>La instantánea es el plegado de los eventos hasta su versión.</translation>
    </message>
    <message>
        <source>The snapshot is not the fold of the events up to its version.</source>
        <translation>La instantánea no es el plegado de los eventos hasta su versión.</translation>
    </message>
    <message>
        <source>The snapshot&apos;s version is no event of the stream: past its end, in a gap, or no events at all.</source>
        <translation>La versión de la instantánea no es ningún evento del flujo: está más allá de su final, en un hueco, o no hay eventos.</translation>
    </message>
    <message>
        <source>Folding the events up to the snapshot&apos;s version failed.</source>
        <translation>Falló el plegado de los eventos hasta la versión de la instantánea.</translation>
    </message>
    <message>
        <source>The snapshot, or an event up to its version, cannot be read exactly: a comparison would mean nothing.</source>
        <translation>La instantánea, o un evento hasta su versión, no se puede leer con exactitud: una comparación no tendría sentido.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Double click to open it in Time travel at the snapshot&apos;s version</source>
        <translation>Doble clic para abrirlo en Viaje en el tiempo en la versión de la instantánea</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Snapshot version</source>
        <translation>Versión de la instantánea</translation>
    </message>
    <message>
        <source>First difference (fold → snapshot) or reason</source>
        <translation>Primera diferencia (plegado → instantánea) o motivo</translation>
    </message>
    <message numerus="yes">
        <source>%1 (+%n more)</source>
        <translation>
            <numerusform>%1 (y %n más)</numerusform>
            <numerusform>%1 (y %n más)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyDifferenceModel</name>
    <message>
        <source>(no row)</source>
        <translation>(sin fila)</translation>
    </message>
    <message>
        <source>(no event gives it)</source>
        <translation>(ningún evento la produce)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>falta</translation>
    </message>
    <message>
        <source>extra</source>
        <translation>sobra</translation>
    </message>
    <message>
        <source>different</source>
        <translation>distinta</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>The events give this row; the table lacks it.</source>
        <translation>Los eventos producen esta fila; la tabla no la tiene.</translation>
    </message>
    <message>
        <source>The table has this row; no event gives it.</source>
        <translation>La tabla tiene esta fila; ningún evento la produce.</translation>
    </message>
    <message>
        <source>Both have the row; these columns differ.</source>
        <translation>Ambos lados tienen la fila; estas columnas difieren.</translation>
    </message>
    <message>
        <source>Row key</source>
        <translation>Clave de la fila</translation>
    </message>
    <message>
        <source>Differs in</source>
        <translation>Difiere en</translation>
    </message>
    <message>
        <source>the whole row</source>
        <translation>toda la fila</translation>
    </message>
    <message>
        <source>In the table</source>
        <translation>En la tabla</translation>
    </message>
    <message>
        <source>From the events</source>
        <translation>Según los eventos</translation>
    </message>
    <message>
        <source>Last changed by</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <source>%1 v%2</source>
        <translation>%1 v%2</translation>
    </message>
    <message>
        <source>Event %1; double click to see the row&apos;s story in Time travel</source>
        <translation>Evento %1; doble clic para ver la historia de la fila en Viaje en el tiempo</translation>
    </message>
</context>
<context>
    <name>acci::ui::AboutDialog</name>
    <message>
        <source>About ACCI Event Console</source>
        <translation>Acerca de la consola de eventos ACCI</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:large&apos;&gt;ACCI Event Console %1&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;font-size:large&apos;&gt;Consola de eventos ACCI %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Explorer and admin console for the ACCI event store: its aggregates, log, projections and history.</source>
        <translation>Explorador y consola de administración del almacén de eventos ACCI: sus agregados, su registro, sus proyecciones y su historia.</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (compilada con %2)</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>libpq:</source>
        <translation>libpq:</translation>
    </message>
    <message>
        <source>libpqxx:</source>
        <translation>libpqxx:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Conexión:</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>asking…</source>
        <translation>preguntando…</translation>
    </message>
    <message>
        <source>PostgreSQL %1</source>
        <translation>PostgreSQL %1</translation>
    </message>
    <message>
        <source>could not ask: %1</source>
        <translation>no se pudo preguntar: %1</translation>
    </message>
</context>
<context>
    <name>acci::ui::AggregateListModel</name>
    <message>
        <source>Created %1</source>
        <translation>Creado %1</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
</context>
<context>
    <name>acci::ui::AggregateTypesModel</name>
    <message>
        <source>%1  (about %2)</source>
        <translation>%1  (unos %2)</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n aggregate(s) of type %1</source>
        <translation>
            <numerusform>%n agregado de tipo %1</numerusform>
            <numerusform>%n agregados de tipo %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>acci::ui::BrowserPage</name>
    <message>
        <source>Aggregate types</source>
        <translation>Tipos de agregado</translation>
    </message>
    <message>
        <source>Search by id…</source>
        <translation>Buscar por id…</translation>
    </message>
    <message>
        <source>By id</source>
        <translation>Por id</translation>
    </message>
    <message>
        <source>Last changed first</source>
        <translation>Cambiados recientemente primero</translation>
    </message>
    <message>
        <source>Aggregates</source>
        <translation>Agregados</translation>
    </message>
    <message>
        <source>Choose an aggregate</source>
        <translation>Elige un agregado</translation>
    </message>
    <message>
        <source>v</source>
        <translation>v</translation>
    </message>
    <message>
        <source>Jump to a version (Enter)</source>
        <translation>Ir a una versión (Intro)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save this stream as NDJSON or JSON</source>
        <translation>Guardar este flujo como NDJSON o JSON</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>Ir a</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Flujo de eventos</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %n event(s) loaded</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n evento cargado</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n eventos cargados</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — loading…</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — cargando…</translation>
    </message>
    <message>
        <source>Export stream</source>
        <translation>Exportar flujo</translation>
    </message>
    <message>
        <source>NDJSON, one event per line (*.ndjson);;JSON array (*.json)</source>
        <translation>NDJSON, un evento por línea (*.ndjson);;Arreglo JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>Se exportó %n evento a %1</numerusform>
            <numerusform>Se exportaron %n eventos a %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Time travel</source>
        <translation>Viaje en el tiempo</translation>
    </message>
    <message>
        <source>Scrub through this aggregate&apos;s versions and see its state at each</source>
        <translation>Recorre las versiones de este agregado y ve su estado en cada una</translation>
    </message>
    <message>
        <source>★ Pinned</source>
        <translation>★ Fijado</translation>
    </message>
    <message>
        <source>☆ Pin</source>
        <translation>☆ Fijar</translation>
    </message>
    <message>
        <source>Unpin this aggregate from the navigation</source>
        <translation>Quitar este agregado de la navegación</translation>
    </message>
    <message>
        <source>Keep this aggregate in the navigation, under Pinned</source>
        <translation>Mantener este agregado en la navegación, en Fijados</translation>
    </message>
    <message>
        <source>Unpin from the navigation</source>
        <translation>Quitar de la navegación</translation>
    </message>
    <message>
        <source>Pin to the navigation</source>
        <translation>Fijar en la navegación</translation>
    </message>
    <message>
        <source>Open in Time travel</source>
        <translation>Abrir en Viaje en el tiempo</translation>
    </message>
    <message>
        <source>No aggregates yet. Writers append events and the aggregates they belong to show here by type; &apos;acci-console --demo&apos; opens a store with some.</source>
        <translation>Aún no hay agregados. Los escritores añaden eventos, y los agregados a los que pertenecen aparecen aquí por tipo; «acci-console --demo» abre un almacén con algunos.</translation>
    </message>
    <message>
        <source>No aggregate id starts with “%1”. Check the id, or clear the search.</source>
        <translation>Ningún id de agregado empieza por «%1». Revisa el id o borra la búsqueda.</translation>
    </message>
    <message>
        <source>No aggregates to show: choose a type above.</source>
        <translation>No hay agregados que mostrar: elija un tipo arriba.</translation>
    </message>
    <message>
        <source>Choose an aggregate on the left, a pinned or recent one, or press Ctrl+K to find one: its events show here.</source>
        <translation>Elige un agregado a la izquierda, uno fijado o reciente, o pulsa Ctrl+K para buscar uno: sus eventos aparecen aquí.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — no events: this aggregate is not in the store (deleted?), or this role may not see its events</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — sin eventos: este agregado no está en el almacén (¿borrado?), o este rol no puede ver sus eventos</translation>
    </message>
</context>
<context>
    <name>acci::ui::ChartPanel</name>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Show all the data again (wheel zooms, drag pans)</source>
        <translation>Vuelve a mostrar todos los datos (la rueda amplía, arrastrar desplaza)</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Save the chart as a PNG image</source>
        <translation>Guarda el gráfico como imagen PNG</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Guardar gráfico</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Save the chart&apos;s data as CSV</source>
        <translation>Guarda los datos del gráfico como CSV</translation>
    </message>
    <message>
        <source>Save data</source>
        <translation>Guardar datos</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>acci::ui::ComparePane</name>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Choose two versions and Compare: what changed from the first to the second, then the same as a JSON Patch (RFC 6902).</source>
        <translation>Elige dos versiones y pulsa Comparar: qué cambió de la primera a la segunda y, después, lo mismo como JSON Patch (RFC 6902).</translation>
    </message>
    <message>
        <source>From version</source>
        <translation>De la versión</translation>
    </message>
    <message>
        <source>to version</source>
        <translation>a la versión</translation>
    </message>
    <message>
        <source>Stored snapshot at version %1 compared with the fold (fold → snapshot):

%2</source>
        <translation>Instantánea guardada en la versión %1 comparada con el plegado (plegado → instantánea):

%2</translation>
    </message>
    <message>
        <source>Versions %1 and %2 have the same state.</source>
        <translation>Las versiones %1 y %2 tienen el mismo estado.</translation>
    </message>
    <message>
        <source>From version %1 to version %2:

%3

JSON Patch (RFC 6902):
%4</source>
        <translation>De la versión %1 a la versión %2:

%3

JSON Patch (RFC 6902):
%4</translation>
    </message>
</context>
<context>
    <name>acci::ui::ConnectionDialog</name>
    <message>
        <source>Connect to an event store</source>
        <translation>Conectar con un almacén de eventos</translation>
    </message>
    <message>
        <source>host=db.example.com dbname=events user=ops   or   postgresql://…</source>
        <translation>host=db.ejemplo.com dbname=eventos user=ops   o   postgresql://…</translation>
    </message>
    <message>
        <source>Connection string:</source>
        <translation>Cadena de conexión:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Certificado raíz</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>Certificados (*.crt *.pem);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Puerto:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>SSL mode:</source>
        <translation>Modo SSL:</translation>
    </message>
    <message>
        <source>Root certificate:</source>
        <translation>Certificado raíz:</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Cadena de conexión</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>Only if ~/.pgpass has none; not saved</source>
        <translation>Solo si ~/.pgpass no la tiene; no se guarda</translation>
    </message>
    <message>
        <source>(new connection)</source>
        <translation>(nueva conexión)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation>Recientes:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>Encrypted; the certificate and the host name are verified</source>
        <translation>Cifrada; se verifican el certificado y el nombre del servidor</translation>
    </message>
    <message>
        <source>Encrypted; the certificate is verified, not the host name</source>
        <translation>Cifrada; se verifica el certificado, no el nombre del servidor</translation>
    </message>
    <message>
        <source>Encrypted, nothing verified: someone in between could pose as the server</source>
        <translation>Cifrada, sin verificar nada: alguien en medio podría hacerse pasar por el servidor</translation>
    </message>
    <message>
        <source>Encrypted only if the server agrees: may fall back to plain text</source>
        <translation>Cifrada solo si el servidor acepta: puede volver a texto plano</translation>
    </message>
    <message>
        <source>Never encrypted</source>
        <translation>Nunca cifrada</translation>
    </message>
    <message>
        <source>⚠ This password could cross the network unencrypted: the connection uses TCP and its sslmode accepts a plain connection. Choose sslmode verify-full.</source>
        <translation>⚠ Esta contraseña podría cruzar la red sin cifrar: la conexión usa TCP y su sslmode acepta una conexión sin cifrar. Elige sslmode verify-full.</translation>
    </message>
    <message>
        <source>Optional: the primary&apos;s connection string, when the server above is a standby</source>
        <translation>Opcional: la cadena de conexión del primario, cuando el servidor de arriba es una réplica</translation>
    </message>
    <message>
        <source>Browsing stays on the server above; rebuild, reset, retry, skip, catch-up, migrate and terminate go to this primary. Empty: the primary is looked for among the hosts of the connection string (target_session_attrs=read-write).</source>
        <translation>La navegación sigue en el servidor de arriba; reconstruir, reiniciar, reintentar, descartar, ponerse al día, migrar y terminar van a este primario. Vacío: el primario se busca entre los hosts de la cadena de conexión (target_session_attrs=read-write).</translation>
    </message>
    <message>
        <source>Empty uses libpq&apos;s defaults (PGHOST, PGDATABASE… and ~/.pgpass). Several hosts (host=primary,replica) with target_session_attrs=prefer-standby browse a replica and send actions to the primary.</source>
        <translation>Vacío usa los valores por defecto de libpq (PGHOST, PGDATABASE… y ~/.pgpass). Varios hosts (host=primario,replica) con target_session_attrs=prefer-standby navegan en una réplica y envían las acciones al primario.</translation>
    </message>
    <message>
        <source>Whichever server answers first</source>
        <translation>El primer servidor que responda</translation>
    </message>
    <message>
        <source>A standby if one answers, else the primary: browse a replica</source>
        <translation>Una réplica si alguna responde, si no el primario: navegar en una réplica</translation>
    </message>
    <message>
        <source>Only a standby</source>
        <translation>Solo una réplica</translation>
    </message>
    <message>
        <source>Only a server that takes writes (the primary)</source>
        <translation>Solo un servidor que acepte escrituras (el primario)</translation>
    </message>
    <message>
        <source>Only the primary</source>
        <translation>Solo el primario</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor preferido:</translation>
    </message>
    <message>
        <source>Primary for actions:</source>
        <translation>Primario para acciones:</translation>
    </message>
</context>
<context>
    <name>acci::ui::ConnectionSession</name>
    <message>
        <source>Looking in the system keychain…</source>
        <translation>Buscando en el llavero del sistema…</translation>
    </message>
    <message>
        <source>Connecting with the password from the keychain…</source>
        <translation>Conectando con la contraseña del llavero…</translation>
    </message>
    <message>
        <source>The password is saved in the system keychain.</source>
        <translation>La contraseña está guardada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>The system keychain did not take the password (%1); it is kept in memory for this session only.</source>
        <translation>El llavero del sistema no aceptó la contraseña (%1); se guarda en memoria solo durante esta sesión.</translation>
    </message>
    <message>
        <source>Your role (%1) cannot change this database&apos;s schema: ask its owner to run &apos;acci-admin migrate&apos;, or connect as the owner.</source>
        <translation>Tu rol (%1) no puede cambiar el esquema de esta base de datos: pide a su propietario que ejecute &apos;acci-admin migrate&apos;, o conéctate como propietario.</translation>
    </message>
    <message>
        <source>Connected to a standby; looking for the primary for actions…</source>
        <translation>Conectado a una réplica; buscando el primario para las acciones…</translation>
    </message>
    <message>
        <source>Connected to a standby; actions need the primary. Give the primary in the connection dialog&apos;s Primary field (or --primary), or list its host in the connection string.</source>
        <translation>Conectado a una réplica; las acciones necesitan el primario. Indica el primario en el campo «Primario para acciones» del diálogo de conexión (o --primary), o añade su host a la cadena de conexión.</translation>
    </message>
    <message>
        <source>Connected to a standby; actions need the primary, which could not be reached: %1</source>
        <translation>Conectado a una réplica; las acciones necesitan el primario, que no responde: %1</translation>
    </message>
    <message>
        <source>This database has no event store yet; run &apos;acci-admin migrate&apos; to create the ACCI schema.</source>
        <translation>Esta base de datos aún no tiene almacén de eventos; ejecuta «acci-admin migrate» para crear el esquema de ACCI.</translation>
    </message>
    <message>
        <source>An online upgrade of the guide&apos;s event schema has begun and is not finished (it may be running now); run &apos;acci-admin migrate&apos; to continue it (every event is kept).</source>
        <translation>Se empezó una actualización en línea del esquema de eventos de la guía y no ha terminado (puede estar ejecutándose ahora); ejecuta «acci-admin migrate» para continuarla (se conservan todos los eventos).</translation>
    </message>
    <message>
        <source>This database has the guide&apos;s plain event schema; run &apos;acci-admin migrate&apos; to upgrade it in place (every event is kept).</source>
        <translation>Esta base de datos tiene el esquema de eventos simple de la guía; ejecuta «acci-admin migrate» para actualizarlo en su sitio (se conservan todos los eventos).</translation>
    </message>
    <message>
        <source>This database&apos;s ACCI schema is at version %1 and this program needs %2; run &apos;acci-admin migrate&apos; to upgrade it.</source>
        <translation>El esquema de ACCI de esta base de datos está en la versión %1 y este programa necesita la %2; ejecuta «acci-admin migrate» para actualizarlo.</translation>
    </message>
    <message>
        <source>This database&apos;s ACCI schema is at version %1, newer than this program knows (%2); use a newer release.</source>
        <translation>El esquema de ACCI de esta base de datos está en la versión %1, más nueva de la que conoce este programa (%2); usa una versión más reciente.</translation>
    </message>
    <message>
        <source>The ACCI schema is up to date (version %1).</source>
        <translation>El esquema de ACCI está al día (versión %1).</translation>
    </message>
    <message>
        <source>Role %1 may not read this database&apos;s event store (%2). Ask the store&apos;s owner to run &apos;acci-admin grant reader %1&apos; (or writer, or operator), then check again; or connect as a role that has the grant.</source>
        <translation>El rol %1 no puede leer el almacén de eventos de esta base de datos (%2). Pide al propietario del almacén que ejecute &apos;acci-admin grant reader %1&apos; (o writer, u operator) y vuelve a comprobar; o conéctate con un rol que tenga ese permiso.</translation>
    </message>
</context>
<context>
    <name>acci::ui::CorrelationView</name>
    <message>
        <source>Flow %1</source>
        <translation>Flujo %1</translation>
    </message>
    <message>
        <source>Loading the events of correlation id %1…</source>
        <translation>Cargando los eventos del id de correlación %1…</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Event %1, caused by %2</source>
        <translation>Evento %1, causado por %2</translation>
    </message>
    <message>
        <source> (the first %1 only)</source>
        <translation> (solo los primeros %1)</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation>Alejar (-, Ctrl+rueda)</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>Acercar (+, Ctrl+rueda)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Show the whole flow (F)</source>
        <translation>Mostrar el flujo entero (F)</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>Actual size (0)</source>
        <translation>Tamaño real (0)</translation>
    </message>
    <message>
        <source>Collapse runs</source>
        <translation>Agrupar series</translation>
    </message>
    <message>
        <source>Show runs of events on one aggregate that no arrow touches as one box; click a box to open it</source>
        <translation>Mostrar como una sola caja las series de eventos de un agregado que ninguna flecha toca; haga clic en una caja para abrirla</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Exportar PNG…</translation>
    </message>
    <message>
        <source>Save the whole diagram as an image</source>
        <translation>Guardar el diagrama entero como imagen</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>Exportar SVG…</translation>
    </message>
    <message>
        <source>Save the whole diagram as a vector drawing</source>
        <translation>Guardar el diagrama entero como dibujo vectorial</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>Diagrama</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) with correlation id %1</source>
        <translation>
            <numerusform>%n evento con el id de correlación %1</numerusform>
            <numerusform>%n eventos con el id de correlación %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the diagram as SVG</source>
        <translation>Exportar el diagrama como SVG</translation>
    </message>
    <message>
        <source>Export the diagram as PNG</source>
        <translation>Exportar el diagrama como PNG</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>Saved the diagram to %1</source>
        <translation>Diagrama guardado en %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>No se pudo escribir %1</translation>
    </message>
    <message>
        <source>Click: the event · double-click: Time travel · ←/→: previous/next · drag: move</source>
        <translation>Clic: evento · doble clic: viaje en el tiempo · ←/→: anterior/siguiente · arrastrar: mover</translation>
    </message>
    <message>
        <source>↻ %1</source>
        <translation>↻ %1</translation>
    </message>
    <message>
        <source>A cycle of causes: this event&apos;s cause was caused by it. Shown as a root so that no event is lost; the writer&apos;s causation ids are wrong.</source>
        <translation>Un ciclo de causas: la causa de este evento fue causada por él. Se muestra como raíz para que no se pierda ningún evento; los id de causa del escritor están mal.</translation>
    </message>
</context>
<context>
    <name>acci::ui::DatabaseWorker</name>
    <message>
        <source>Not connected to the database.</source>
        <translation>No hay conexión con la base de datos.</translation>
    </message>
    <message>
        <source>The connection to the database was lost; reconnecting.</source>
        <translation>Se perdió la conexión con la base de datos; reconectando.</translation>
    </message>
</context>
<context>
    <name>acci::ui::DemoSession</name>
    <message>
        <source>Starting the demo PostgreSQL…</source>
        <translation>Iniciando el PostgreSQL de demostración…</translation>
    </message>
    <message>
        <source>Writing %1 demo events…</source>
        <translation>Escribiendo %1 eventos de demostración…</translation>
    </message>
    <message>
        <source>Writing demo events: %1 of %2</source>
        <translation>Escribiendo eventos de demostración: %1 de %2</translation>
    </message>
    <message>
        <source>Catching up the demo&apos;s projections…</source>
        <translation>Poniendo al día las proyecciones de la demostración…</translation>
    </message>
</context>
<context>
    <name>acci::ui::DiffText</name>
    <message>
        <source>+ %1 = %2</source>
        <translation>+ %1 = %2</translation>
    </message>
    <message>
        <source>− %1 (was %2)</source>
        <translation>− %1 (era %2)</translation>
    </message>
    <message>
        <source>~ %1: %2 → %3</source>
        <translation>~ %1: %2 → %3</translation>
    </message>
</context>
<context>
    <name>acci::ui::Duration</name>
    <message>
        <source>under a second</source>
        <translation>menos de un segundo</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
</context>
<context>
    <name>acci::ui::EventDetailView</name>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadatos</translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation>JSON sin formato</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>Copiar JSON</translation>
    </message>
    <message>
        <source>Copy the whole event as JSON to the clipboard</source>
        <translation>Copiar el evento completo como JSON al portapapeles</translation>
    </message>
    <message>
        <source>Show flow</source>
        <translation>Ver flujo</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an event to see its data and metadata.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Selecciona un evento para ver sus datos y metadatos.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 v%3&lt;br&gt;%4 &amp;nbsp;·&amp;nbsp; position %5 &amp;nbsp;·&amp;nbsp; id %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 v%3&lt;br&gt;%4 &amp;nbsp;·&amp;nbsp; posición %5 &amp;nbsp;·&amp;nbsp; id %6</translation>
    </message>
    <message>
        <source>Time travel</source>
        <translation>Viaje en el tiempo</translation>
    </message>
    <message>
        <source>Open this event&apos;s aggregate in time travel, at this version (Ctrl+Shift+T)</source>
        <translation>Abre el agregado de este evento en el viaje en el tiempo, en esta versión (Ctrl+Mayús+T)</translation>
    </message>
    <message>
        <source>Draw every event with this event&apos;s correlation id: its aggregates, and what caused what</source>
        <translation>Dibujar todos los eventos con el id de correlación de este evento: sus agregados y qué causó qué</translation>
    </message>
</context>
<context>
    <name>acci::ui::EventPane</name>
    <message>
        <source>What this event changed:</source>
        <translation>Qué cambió este evento:</translation>
    </message>
    <message>
        <source>(before the first event)</source>
        <translation>(antes del primer evento)</translation>
    </message>
    <message>
        <source>(nothing in the state changed)</source>
        <translation>(no cambió nada del estado)</translation>
    </message>
    <message>
        <source>Version &lt;b&gt;%1&lt;/b&gt; of %2: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>Versión &lt;b&gt;%1&lt;/b&gt; de %2: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Before the first event: the empty state.</source>
        <translation>Antes del primer evento: el estado vacío.</translation>
    </message>
</context>
<context>
    <name>acci::ui::EventRateChart</name>
    <message>
        <source>Event rate</source>
        <translation>Ritmo de eventos</translation>
    </message>
    <message>
        <source>events per %1</source>
        <translation>eventos por %1</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hora</numerusform>
            <numerusform>%n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n segundo</numerusform>
            <numerusform>%n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
</context>
<context>
    <name>acci::ui::GlobalLogModel</name>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Aggregate type</source>
        <translation>Tipo de agregado</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Inquilino</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>Correlación</translation>
    </message>
</context>
<context>
    <name>acci::ui::HeldBackBanner</name>
    <message>
        <source>%1 committed events are held back (waiting %2) behind open transaction %3: readers and projections cannot see them yet. &lt;a href=&quot;in-flight&quot;&gt;In-flight transactions…&lt;/a&gt;</source>
        <translation>%1 eventos confirmados están retenidos (esperan desde hace %2) detrás de la transacción abierta %3: los lectores y las proyecciones aún no los ven. &lt;a href=&quot;in-flight&quot;&gt;Transacciones en curso…&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>acci::ui::InFlightView</name>
    <message>
        <source>Transaction</source>
        <translation>Transacción</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>prepared &apos;%1&apos;</source>
        <translation>preparada &apos;%1&apos;</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Your role may not see this session&apos;s state, query and times; grant it pg_read_all_stats to see them.</source>
        <translation>Su rol no puede ver el estado, la consulta ni los tiempos de esta sesión; concédale pg_read_all_stats para verlos.</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>oculto</translation>
    </message>
    <message>
        <source>Open for</source>
        <translation>Abierta desde hace</translation>
    </message>
    <message>
        <source>Writes events</source>
        <translation>Escribe eventos</translation>
    </message>
    <message>
        <source>It holds a write lock on events: its own events are still to come</source>
        <translation>Tiene un bloqueo de escritura sobre events: sus propios eventos aún están por llegar</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Events waiting</source>
        <translation>Eventos en espera</translation>
    </message>
    <message>
        <source>Committed events after this transaction, which readers and projections cannot see until it ends</source>
        <translation>Eventos confirmados después de esta transacción, que los lectores y las proyecciones no ven hasta que termine</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Consulta</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Copy terminate statement</source>
        <translation>Copiar la sentencia para terminarla</translation>
    </message>
    <message>
        <source>Terminate…</source>
        <translation>Terminar…</translation>
    </message>
    <message>
        <source>In-flight transactions</source>
        <translation>Transacciones en curso</translation>
    </message>
    <message>
        <source>Reading the transactions in flight…</source>
        <translation>Leyendo las transacciones en curso…</translation>
    </message>
    <message>
        <source>Copy the SQL that ends the selected transaction, for a DBA to run</source>
        <translation>Copiar el SQL que termina la transacción seleccionada, para que lo ejecute un DBA</translation>
    </message>
    <message>
        <source>End the selected session, or roll back the selected prepared transaction</source>
        <translation>Terminar la sesión seleccionada, o deshacer la transacción preparada seleccionada</translation>
    </message>
    <message>
        <source>Readers, projections and the live tail see events only below the oldest transaction still in flight anywhere in the cluster. A transaction that has written (or taken a transaction id) and stays open holds every event committed after it.</source>
        <translation>Los lectores, las proyecciones y el seguimiento en vivo solo ven los eventos anteriores a la transacción en curso más antigua de todo el clúster. Una transacción que ha escrito (o ha tomado un id de transacción) y sigue abierta retiene todos los eventos confirmados después de ella.</translation>
    </message>
    <message>
        <source>%1 committed events have waited %2 behind an open transaction. %3</source>
        <translation>%1 eventos confirmados llevan %2 esperando detrás de una transacción abierta. %3</translation>
    </message>
    <message>
        <source>Not held back: no transaction with a transaction id is in flight.</source>
        <translation>Nada retenido: no hay ninguna transacción con id de transacción en curso.</translation>
    </message>
    <message>
        <source>Not held back: readers see every committed event.</source>
        <translation>Nada retenido: los lectores ven todos los eventos confirmados.</translation>
    </message>
    <message>
        <source>Your role sees the state, query and age only of its own sessions; grant it pg_read_all_stats to see every session&apos;s.</source>
        <translation>Su rol solo ve el estado, la consulta y la antigüedad de sus propias sesiones; concédale pg_read_all_stats para ver los de todas.</translation>
    </message>
    <message>
        <source>Select a transaction first</source>
        <translation>Selecciona primero una transacción</translation>
    </message>
    <message>
        <source>Only its owner or a superuser may roll back a prepared transaction</source>
        <translation>Solo su propietario o un superusuario pueden deshacer una transacción preparada</translation>
    </message>
    <message>
        <source>Your role may not end another role&apos;s session: that needs pg_signal_backend (a superuser&apos;s session, a superuser)</source>
        <translation>Su rol no puede terminar la sesión de otro rol: necesita pg_signal_backend (la sesión de un superusuario, un superusuario)</translation>
    </message>
    <message>
        <source>Roll back the selected prepared transaction</source>
        <translation>Deshacer la transacción preparada seleccionada</translation>
    </message>
    <message>
        <source>End the selected session (pg_terminate_backend)</source>
        <translation>Terminar la sesión seleccionada (pg_terminate_backend)</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Copiado: %1</translation>
    </message>
    <message>
        <source>Roll back %1? Its work is lost, and the events waiting behind it become readable.</source>
        <translation>¿Deshacer %1? Su trabajo se pierde, y los eventos que esperan detrás pasan a ser legibles.</translation>
    </message>
    <message>
        <source>Terminate %1? Its open transaction is rolled back and its client disconnected; the events waiting behind it become readable.</source>
        <translation>¿Terminar %1? Su transacción abierta se deshace y su cliente se desconecta; los eventos que esperan detrás pasan a ser legibles.</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <source>Ending transaction %1…</source>
        <translation>Terminando la transacción %1…</translation>
    </message>
    <message>
        <source>Ended transaction %1 (audited).</source>
        <translation>Transacción %1 terminada (auditado).</translation>
    </message>
    <message>
        <source>The transactions in flight could not be read: %1</source>
        <translation>No se pudieron leer las transacciones en curso: %1</translation>
    </message>
    <message>
        <source>No transaction holds back the log&apos;s head: readers see every committed event.</source>
        <translation>Ninguna transacción retiene la cabeza del registro: los lectores ven todos los eventos confirmados.</translation>
    </message>
</context>
<context>
    <name>acci::ui::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n field(s)}</source>
        <translation>
            <numerusform>{%n campo}</numerusform>
            <numerusform>{%n campos}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n elemento]</numerusform>
            <numerusform>[%n elementos]</numerusform>
        </translation>
    </message>
    <message>
        <source>object</source>
        <translation>objeto</translation>
    </message>
    <message>
        <source>array</source>
        <translation>arreglo</translation>
    </message>
    <message>
        <source>string</source>
        <translation>cadena</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>booleano</translation>
    </message>
    <message>
        <source>null</source>
        <translation>nulo</translation>
    </message>
    <message>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
</context>
<context>
    <name>acci::ui::LagChart</name>
    <message>
        <source>Projection lag (sampled while the console runs)</source>
        <translation>Retraso de las proyecciones (muestreado mientras la consola está abierta)</translation>
    </message>
    <message>
        <source>events behind</source>
        <translation>eventos de retraso</translation>
    </message>
    <message>
        <source>seconds behind</source>
        <translation>segundos de retraso</translation>
    </message>
    <message>
        <source>%1 (events)</source>
        <translation>%1 (eventos)</translation>
    </message>
    <message>
        <source>%1 (seconds)</source>
        <translation>%1 (segundos)</translation>
    </message>
    <message>
        <source>%1: %2 events, %3 s</source>
        <translation>%1: %2 eventos, %3 s</translation>
    </message>
    <message>
        <source>held back (seconds)</source>
        <translation>retenidos (segundos)</translation>
    </message>
    <message>
        <source>held back: %1 events, %2 s</source>
        <translation>retenidos: %1 eventos, %2 s</translation>
    </message>
    <message>
        <source>standby replay delay (seconds)</source>
        <translation>retraso de aplicación de la réplica (segundos)</translation>
    </message>
    <message>
        <source>standby replay delay: %1 s</source>
        <translation>retraso de aplicación de la réplica: %1 s</translation>
    </message>
</context>
<context>
    <name>acci::ui::LatestEventsList</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Click an event to show it in the global log; double-click to open its aggregate</source>
        <translation>Haz clic en un evento para verlo en el registro global; doble clic para abrir su agregado</translation>
    </message>
</context>
<context>
    <name>acci::ui::LogPage</name>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Search stopped; apply the filter again to restart it</source>
        <translation>Búsqueda detenida; aplique el filtro de nuevo para reanudarla</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>about %1 events (count stopped)</source>
        <translation>unos %1 eventos (recuento detenido)</translation>
    </message>
    <message>
        <source>about %1 events, counting…</source>
        <translation>unos %1 eventos, contando…</translation>
    </message>
    <message>
        <source>Event types, comma-separated</source>
        <translation>Tipos de evento, separados por comas</translation>
    </message>
    <message>
        <source>Aggregate type</source>
        <translation>Tipo de agregado</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Inquilino</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>Id de correlación</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Data contains JSON, e.g. {&quot;sku&quot;:&quot;SKU-DOCK&quot;}</source>
        <translation>Los datos contienen el JSON, p. ej. {&quot;sku&quot;:&quot;SKU-DOCK&quot;}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <source>Follow new events as they are committed (Ctrl+T)</source>
        <translation>Seguir los eventos nuevos a medida que se confirman (Ctrl+T)</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 eventos</translation>
    </message>
    <message numerus="yes">
        <source>%n new event(s)</source>
        <translation>
            <numerusform>%n evento nuevo</numerusform>
            <numerusform>%n eventos nuevos</numerusform>
        </translation>
    </message>
    <message>
        <source>The data filter is not valid JSON; write it like {&quot;sku&quot;: &quot;SKU-DOCK&quot;}.</source>
        <translation>El filtro de datos no es JSON válido; escríbalo como {&quot;sku&quot;: &quot;SKU-DOCK&quot;}.</translation>
    </message>
    <message>
        <source>● Following new events</source>
        <translation>● Siguiendo eventos nuevos</translation>
    </message>
    <message>
        <source>Paused — click to follow</source>
        <translation>En pausa — pulsa para seguir</translation>
    </message>
    <message>
        <source>Stop searching: a filter that no index serves reads the whole log</source>
        <translation>Detener la búsqueda: un filtro que ningún índice cubre lee todo el registro</translation>
    </message>
    <message>
        <source>The event at %1 is not in the log as the tenant selector scopes it.</source>
        <translation>El evento en %1 no está en el registro tal como lo acota el selector de inquilino.</translation>
    </message>
    <message>
        <source>The log is empty. Events show here as writers commit them.</source>
        <translation>El registro está vacío. Los eventos aparecen aquí a medida que los escritores los confirman.</translation>
    </message>
    <message>
        <source>No event matches these filters. Widen them (fewer event types, a longer time range) or clear them.</source>
        <translation>Ningún evento coincide con estos filtros. Amplíelos (menos tipos de evento, un intervalo de tiempo más largo) o bórrelos.</translation>
    </message>
    <message>
        <source>Follow new events</source>
        <translation>Seguir los eventos nuevos</translation>
    </message>
</context>
<context>
    <name>acci::ui::MainWindow</name>
    <message>
        <source>ACCI Event Console</source>
        <translation>Consola de eventos ACCI</translation>
    </message>
    <message>
        <source>Aggregates</source>
        <translation>Agregados</translation>
    </message>
    <message>
        <source>Global log</source>
        <translation>Registro global</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Reload the current views (F5)</source>
        <translation>Recargar las vistas actuales (F5)</translation>
    </message>
    <message>
        <source> Tenant: </source>
        <translation> Inquilino: </translation>
    </message>
    <message>
        <source>All tenants</source>
        <translation>Todos los inquilinos</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>● live</source>
        <translation>● en vivo</translation>
    </message>
    <message>
        <source>○ not listening</source>
        <translation>○ sin escuchar</translation>
    </message>
    <message>
        <source>The database server went away: %1 Reconnecting…</source>
        <translation>El servidor de base de datos dejó de responder: %1 Reconectando…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Could not connect. %1</source>
        <translation>No se pudo conectar. %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>solo lectura</translation>
    </message>
    <message>
        <source>This role cannot append events: the console only browses.</source>
        <translation>Este rol no puede añadir eventos: la consola solo permite consultar.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>The server asks for a password:</source>
        <translation>El servidor pide una contraseña:</translation>
    </message>
    <message>
        <source>Time travel</source>
        <translation>Viaje en el tiempo</translation>
    </message>
    <message>
        <source>the demo&apos;s rules</source>
        <translation>las reglas de la demo</translation>
    </message>
    <message>
        <source>Projections</source>
        <translation>Proyecciones</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoreo</translation>
    </message>
    <message>
        <source>Remember in the system keychain</source>
        <translation>Recordar en el llavero del sistema</translation>
    </message>
    <message>
        <source>Store the password in the desktop&apos;s keychain (never in the console&apos;s settings) and use it next time</source>
        <translation>Guarda la contraseña en el llavero del escritorio (nunca en la configuración de la consola) y la usa la próxima vez</translation>
    </message>
    <message>
        <source>Role %1 is not an operator (it lacks %2): rebuild, reset, retry, skip and catch-up are disabled. Ask the store&apos;s owner to run &apos;acci-admin grant operator %1&apos;, or connect as an operator.</source>
        <translation>El rol %1 no es operador (le falta %2): reconstruir, reiniciar, reintentar, omitir y ponerse al día están desactivados. Pide al propietario del almacén que ejecute &apos;acci-admin grant operator %1&apos;, o conéctate como operador.</translation>
    </message>
    <message>
        <source>⚠ Unencrypted over TCP (sslmode)</source>
        <translation>⚠ Sin cifrar por TCP (sslmode)</translation>
    </message>
    <message>
        <source>The connection uses TCP and its sslmode accepts a plain connection: the password could cross the network unencrypted. Reconnect with sslmode=verify-full.</source>
        <translation>La conexión usa TCP y su sslmode acepta una conexión sin cifrar: la contraseña podría cruzar la red sin cifrar. Vuelve a conectar con sslmode=verify-full.</translation>
    </message>
    <message>
        <source>● live (polling)</source>
        <translation>● en vivo (sondeo)</translation>
    </message>
    <message>
        <source>A standby cannot be notified of new events: its head is read every %1 s</source>
        <translation>Una réplica no recibe avisos de eventos nuevos: su cabeza se lee cada %1 s</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>primario</translation>
    </message>
    <message>
        <source>Connected to the primary: it takes writes</source>
        <translation>Conectado al primario: acepta escrituras</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>réplica</translation>
    </message>
    <message>
        <source>standby · not receiving from the primary</source>
        <translation>réplica · no recibe nada del primario</translation>
    </message>
    <message>
        <source>standby · replay paused</source>
        <translation>réplica · aplicación en pausa</translation>
    </message>
    <message>
        <source> · %1 behind</source>
        <translation> · %1 por detrás</translation>
    </message>
    <message>
        <source> · up to date</source>
        <translation> · al día</translation>
    </message>
    <message>
        <source>Connected to a hot standby: what it shows is the primary&apos;s as of its last replayed transaction. Actions go to the primary when one can be reached.</source>
        <translation>Conectado a una réplica en caliente (hot standby): lo que muestra es el estado del primario en su última transacción aplicada. Las acciones van al primario cuando se le puede alcanzar.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Back to where you were (Alt+Left)</source>
        <translation>Volver a donde estaba (Alt+Izquierda)</translation>
    </message>
    <message>
        <source>Forward again (Alt+Right)</source>
        <translation>Avanzar de nuevo (Alt+Derecha)</translation>
    </message>
    <message>
        <source>Find anything…</source>
        <translation>Buscar cualquier cosa…</translation>
    </message>
    <message>
        <source>Go to an aggregate, event, correlation id, tx:position or event type (Ctrl+K)</source>
        <translation>Ir a un agregado, evento, id de correlación, tx:posición o tipo de evento (Ctrl+K)</translation>
    </message>
    <message>
        <source>Connected again to %1.</source>
        <translation>Conectado de nuevo a %1.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>A&amp;delante</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recargar</translation>
    </message>
    <message>
        <source>&amp;In-flight transactions</source>
        <translation>Transacciones en &amp;curso</translation>
    </message>
    <message>
        <source>The transactions that hold back the readable head of the log</source>
        <translation>Las transacciones que retienen la cabeza legible del registro</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>Del &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;About ACCI Event Console</source>
        <translation>&amp;Acerca de la consola de eventos ACCI</translation>
    </message>
    <message>
        <source>partial view (row-level security)</source>
        <translation>vista parcial (seguridad a nivel de fila)</translation>
    </message>
    <message>
        <source>Row-level security limits which events this role may read: counts, streams, time travel and health are of the events it sees, not of the whole store.</source>
        <translation>La seguridad a nivel de fila limita qué eventos puede leer este rol: los recuentos, los flujos de eventos, el viaje en el tiempo y la salud son de los eventos que ve, no de todo el almacén.</translation>
    </message>
</context>
<context>
    <name>acci::ui::MonitoringPage</name>
    <message>
        <source>about %1 events</source>
        <translation>unos %1 eventos</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> events</source>
        <translation> eventos</translation>
    </message>
    <message>
        <source>Warn when the newest event is older than</source>
        <translation>Avisar si el evento más reciente tiene más de</translation>
    </message>
    <message>
        <source>, a projection lags more than</source>
        <translation>, si una proyección va más de</translation>
    </message>
    <message>
        <source>or</source>
        <translation>o</translation>
    </message>
    <message>
        <source>, dead letters exceed</source>
        <translation>por detrás, si los mensajes muertos superan</translation>
    </message>
    <message>
        <source>Live: last 5 minutes</source>
        <translation>En vivo: últimos 5 minutos</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Intervalo personalizado</translation>
    </message>
    <message>
        <source>Stacked</source>
        <translation>Apilado</translation>
    </message>
    <message>
        <source>Stack the event types as bars, or draw one line per type</source>
        <translation>Apila los tipos de evento como barras, o dibuja una línea por tipo</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Event rate:</source>
        <translation>Ritmo de eventos:</translation>
    </message>
    <message>
        <source>The range ends before it starts; choose an end after the start.</source>
        <translation>El intervalo termina antes de empezar; elige un final posterior al inicio.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectada</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>perdida</translation>
    </message>
    <message>
        <source>Newest event</source>
        <translation>Evento más reciente</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>waiting for the first figures</source>
        <translation>esperando las primeras cifras</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>the store has no events</source>
        <translation>el almacén no tiene eventos</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>hace %1</translation>
    </message>
    <message>
        <source>older than %1: are the writers running?</source>
        <translation>más de %1: ¿están funcionando los escritores?</translation>
    </message>
    <message>
        <source>events are arriving</source>
        <translation>están llegando eventos</translation>
    </message>
    <message>
        <source>Projection lag</source>
        <translation>Retraso de proyecciones</translation>
    </message>
    <message>
        <source>no projections yet</source>
        <translation>aún no hay proyecciones</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Cola de mensajes muertos</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 eventos</translation>
    </message>
    <message>
        <source>a projection is faulted: see Projections</source>
        <translation>una proyección ha fallado: mira Proyecciones</translation>
    </message>
    <message>
        <source>most behind: %1 (%2)</source>
        <translation>la más retrasada: %1 (%2)</translation>
    </message>
    <message>
        <source>events parked: retry or skip them in Projections</source>
        <translation>eventos aparcados: reinténtalos o descártalos en Proyecciones</translation>
    </message>
    <message>
        <source>nothing parked</source>
        <translation>nada aparcado</translation>
    </message>
    <message>
        <source>the connection is lost</source>
        <translation>se perdió la conexión</translation>
    </message>
    <message>
        <source>Health: waiting for the first figures</source>
        <translation>Salud: esperando las primeras cifras</translation>
    </message>
    <message>
        <source>Health: healthy</source>
        <translation>Salud: correcta</translation>
    </message>
    <message>
        <source>Health: unhealthy. %1</source>
        <translation>Salud: con problemas. %1</translation>
    </message>
    <message>
        <source>, events wait longer than</source>
        <translation>, los eventos esperan más de</translation>
    </message>
    <message>
        <source>No committed event waits behind an open transaction.</source>
        <translation>Ningún evento confirmado espera detrás de una transacción abierta.</translation>
    </message>
    <message>
        <source>Click to see the transactions in flight.</source>
        <translation>Haz clic para ver las transacciones en curso.</translation>
    </message>
    <message>
        <source>Held back</source>
        <translation>Retenidos</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>readers see every committed event</source>
        <translation>los lectores ven todos los eventos confirmados</translation>
    </message>
    <message>
        <source>waiting %1 for transaction %2: click for details</source>
        <translation>esperan desde hace %1 a la transacción %2: clic para detalles</translation>
    </message>
    <message>
        <source>unknown while the connection is lost</source>
        <translation>desconocido mientras la conexión esté perdida</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>primario</translation>
    </message>
    <message>
        <source>standby, replay %1 behind</source>
        <translation>réplica, aplica con %1 de retraso</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>réplica</translation>
    </message>
    <message>
        <source>could not be read: %1</source>
        <translation>no se pudo leer: %1</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>No disponible</translation>
    </message>
    <message>
        <source>Health: cannot be assessed. %1</source>
        <translation>Salud: no se puede evaluar. %1</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>role %1 may not read %2</source>
        <translation>el rol %1 no puede leer %2</translation>
    </message>
</context>
<context>
    <name>acci::ui::NavigationPane</name>
    <message>
        <source>Pinned</source>
        <translation>Fijados</translation>
    </message>
    <message>
        <source>Pin an aggregate from the Aggregates page (right-click it, or ☆ Pin) to keep it here.</source>
        <translation>Fija un agregado desde la página Agregados (clic derecho sobre él, o ☆ Fijar) para tenerlo aquí.</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Recientes</translation>
    </message>
    <message>
        <source>Aggregates you open show here.</source>
        <translation>Aquí aparecen los agregados que abra.</translation>
    </message>
    <message>
        <source>%1 (pinned): click to open it on the Aggregates page</source>
        <translation>%1 (fijado): clic para abrirlo en la página Agregados</translation>
    </message>
    <message>
        <source>%1: click to open it on the Aggregates page</source>
        <translation>%1: clic para abrirlo en la página Agregados</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Fijar</translation>
    </message>
    <message>
        <source>Clear the recent list</source>
        <translation>Vaciar la lista de recientes</translation>
    </message>
</context>
<context>
    <name>acci::ui::OverviewPage</name>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Store overview</source>
        <translation>Resumen del almacén</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Read every figure again (they refresh by themselves every few seconds)</source>
        <translation>Leer de nuevo todas las cifras (se actualizan solas cada pocos segundos)</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Open the global log</source>
        <translation>Abrir el registro global</translation>
    </message>
    <message>
        <source>Aggregates</source>
        <translation>Agregados</translation>
    </message>
    <message>
        <source>Browse the aggregates by type</source>
        <translation>Explorar los agregados por tipo</translation>
    </message>
    <message>
        <source>Event types</source>
        <translation>Tipos de evento</translation>
    </message>
    <message>
        <source>See the event rate per type on the Monitoring page</source>
        <translation>Ver el ritmo de eventos por tipo en la página Monitoreo</translation>
    </message>
    <message>
        <source>Newest event</source>
        <translation>Evento más reciente</translation>
    </message>
    <message>
        <source>Show this event in the global log</source>
        <translation>Mostrar este evento en el registro global</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Salud</translation>
    </message>
    <message>
        <source>See the health checks and their thresholds on the Monitoring page</source>
        <translation>Ver los controles de salud y sus umbrales en la página Monitoreo</translation>
    </message>
    <message>
        <source>Projections</source>
        <translation>Proyecciones</translation>
    </message>
    <message>
        <source>Open the Projections page</source>
        <translation>Abrir la página Proyecciones</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Cola de mensajes muertos</translation>
    </message>
    <message>
        <source>Retry or skip them on the Projections page</source>
        <translation>Reintentarlos u omitirlos en la página Proyecciones</translation>
    </message>
    <message>
        <source>Loading the last hour…</source>
        <translation>Cargando la última hora…</translation>
    </message>
    <message>
        <source>Events per minute, last hour</source>
        <translation>Eventos por minuto, última hora</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>Proyección</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retraso</translation>
    </message>
    <message>
        <source>Click a projection to open it on the Projections page</source>
        <translation>Haz clic en una proyección para abrirla en la página Proyecciones</translation>
    </message>
    <message>
        <source>Waiting for the projections…</source>
        <translation>Esperando a las proyecciones…</translation>
    </message>
    <message>
        <source>Loading the latest events…</source>
        <translation>Cargando los últimos eventos…</translation>
    </message>
    <message>
        <source>Latest events</source>
        <translation>Últimos eventos</translation>
    </message>
    <message>
        <source>live: new events appear as they are committed</source>
        <translation>en vivo: los eventos nuevos aparecen al confirmarse</translation>
    </message>
    <message>
        <source>an empty store: append events with acci-admin append, or open the demo</source>
        <translation>un almacén vacío: añada eventos con acci-admin append, o abra la demo</translation>
    </message>
    <message>
        <source>estimated from the statistics; the log counts them exactly</source>
        <translation>estimado a partir de las estadísticas; el registro los cuenta con exactitud</translation>
    </message>
    <message>
        <source>in the global log</source>
        <translation>en el registro global</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguno todavía</translation>
    </message>
    <message>
        <source>streams of events, one per entity</source>
        <translation>flujos de eventos, uno por entidad</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>no event yet: the first one appended shows here</source>
        <translation>aún no hay eventos: el primero que se añada aparecerá aquí</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>hace %1</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <source>No events yet. They appear here as they are committed; the demo (scripts/run-demo) fills a store with a week of them.</source>
        <translation>Aún no hay eventos. Aparecen aquí al confirmarse; la demo (scripts/run-demo) llena un almacén con una semana de ellos.</translation>
    </message>
    <message>
        <source>the whole store · updated %1</source>
        <translation>todo el almacén · actualizado a las %1</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Correcta</translation>
    </message>
    <message>
        <source>Show the %1 events in the global log</source>
        <translation>Mostrar los eventos %1 en el registro global</translation>
    </message>
    <message>
        <source>%1 events in the last hour; busiest minute: %2</source>
        <translation>%1 eventos en la última hora; minuto con más actividad: %2</translation>
    </message>
    <message>
        <source>%1 / h</source>
        <translation>%1 / h</translation>
    </message>
    <message>
        <source>No events in the last hour. Writers append events as commands run; the Monitoring page charts any range.</source>
        <translation>Ningún evento en la última hora. Los escritores añaden eventos al ejecutarse los comandos; la página Monitoreo grafica cualquier intervalo.</translation>
    </message>
    <message>
        <source>≈ %1 events (%2)</source>
        <translation>≈ %1 eventos (%2)</translation>
    </message>
    <message>
        <source>%1 events (%2)</source>
        <translation>%1 eventos (%2)</translation>
    </message>
    <message>
        <source>No projections yet. Built-in ones show once they run; external ones once they write a checkpoint.</source>
        <translation>Aún no hay proyecciones. Las integradas aparecen cuando se ejecutan; las externas, cuando escriben un punto de control.</translation>
    </message>
    <message>
        <source>waiting for the first figures</source>
        <translation>esperando las primeras cifras</translation>
    </message>
    <message>
        <source>no projection has run yet</source>
        <translation>ninguna proyección se ha ejecutado aún</translation>
    </message>
    <message>
        <source>No dead letters — nothing is parked</source>
        <translation>Ningún mensaje muerto: nada aparcado</translation>
    </message>
    <message>
        <source>most behind: %1, %2 events</source>
        <translation>la más retrasada: %1, %2 eventos</translation>
    </message>
    <message>
        <source>events a projection could not apply: retry or skip them</source>
        <translation>eventos que una proyección no pudo aplicar: reinténtalos u omítelos</translation>
    </message>
    <message>
        <source>all %1 checks pass, as acci-admin health says</source>
        <translation>pasan los %1 controles, como dice acci-admin health</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 problema</translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation>%1 problemas</translation>
    </message>
    <message>
        <source>faulted: %1. See why on the Projections page</source>
        <translation>con fallo: %1. Vea por qué en la página Proyecciones</translation>
    </message>
    <message>
        <source>Could not read the figures (the ones shown may be old): %1</source>
        <translation>No se pudieron leer las cifras (las que se ven pueden ser antiguas): %1</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocida</translation>
    </message>
    <message>
        <source>Could not assess: %1</source>
        <translation>No se pudo evaluar: %1</translation>
    </message>
    <message>
        <source>stopped with events pending: %1; %2</source>
        <translation>detenidas con eventos pendientes: %1; %2</translation>
    </message>
    <message>
        <source>Could not read the last hour&apos;s events: %1</source>
        <translation>No se pudieron leer los eventos de la última hora: %1</translation>
    </message>
    <message>
        <source>could not be read: %1</source>
        <translation>no se pudo leer: %1</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>No disponible</translation>
    </message>
    <message>
        <source>The latest events could not be read: %1</source>
        <translation>No se pudieron leer los últimos eventos: %1</translation>
    </message>
    <message>
        <source>Could not read the figures: %1</source>
        <translation>No se pudieron leer las cifras: %1</translation>
    </message>
    <message>
        <source>The projections could not be read: %1</source>
        <translation>No se pudieron leer las proyecciones: %1</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>estimated for the whole store; row-level security shows this role only some</source>
        <translation>estimado para todo el almacén; la seguridad a nivel de fila muestra a este rol solo una parte</translation>
    </message>
    <message>
        <source>those this role may read (row-level security)</source>
        <translation>los que este rol puede leer (seguridad a nivel de fila)</translation>
    </message>
    <message>
        <source>in the whole store; row-level security hides some events from this role</source>
        <translation>en todo el almacén; la seguridad a nivel de fila oculta algunos eventos a este rol</translation>
    </message>
</context>
<context>
    <name>acci::ui::ProjectionsPage</name>
    <message>
        <source>Run catch-up in this console</source>
        <translation>Ponerse al día desde esta consola</translation>
    </message>
    <message>
        <source>Keep the built-in projections up to date from this console while it runs. Leave it off when &apos;acci-admin projections run&apos; does it.</source>
        <translation>Mantiene al día las proyecciones integradas desde esta consola mientras está abierta. Déjalo desactivado si ya lo hace &apos;acci-admin projections run&apos;.</translation>
    </message>
    <message>
        <source>Rebuild…</source>
        <translation>Reconstruir…</translation>
    </message>
    <message>
        <source>Reset checkpoint…</source>
        <translation>Reiniciar punto de control…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Apply the event again (after its cause was fixed)</source>
        <translation>Aplica el evento otra vez (una vez corregida la causa)</translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation>Descartar…</translation>
    </message>
    <message>
        <source>Give up on the event for good; a stopped projection moves past it</source>
        <translation>Renuncia al evento para siempre; una proyección detenida sigue adelante</translation>
    </message>
    <message>
        <source>Select a dead letter to see its error and event.</source>
        <translation>Selecciona un mensaje muerto para ver su error y su evento.</translation>
    </message>
    <message>
        <source>Dead letters of the selected projection</source>
        <translation>Mensajes muertos de la proyección seleccionada</translation>
    </message>
    <message>
        <source>Recent admin actions (audit log)</source>
        <translation>Acciones de administración recientes (registro de auditoría)</translation>
    </message>
    <message>
        <source>Projections</source>
        <translation>Proyecciones</translation>
    </message>
    <message>
        <source>%1

Event %2 (%3) of %4 at position %5</source>
        <translation>%1

Evento %2 (%3) de %4 en la posición %5</translation>
    </message>
    <message>
        <source>Select a projection first</source>
        <translation>Selecciona antes una proyección</translation>
    </message>
    <message>
        <source>A rebuild is running</source>
        <translation>Hay una reconstrucción en curso</translation>
    </message>
    <message>
        <source>An external projection is rebuilt by the program that keeps it; reset its checkpoint to have it replay</source>
        <translation>Una proyección externa la reconstruye el programa que la mantiene; reinicia su punto de control para que la reproduzca</translation>
    </message>
    <message>
        <source>Replay every event into a new table and swap it in, without downtime</source>
        <translation>Reproduce todos los eventos en una tabla nueva y la pone en su lugar, sin interrupción</translation>
    </message>
    <message>
        <source>Move the checkpoint back to the start so that the projection replays the log</source>
        <translation>Lleva el punto de control al inicio para que la proyección reproduzca el registro</translation>
    </message>
    <message>
        <source>Select a dead letter first</source>
        <translation>Selecciona antes un mensaje muerto</translation>
    </message>
    <message>
        <source>Catch-up: run by this console.</source>
        <translation>Puesta al día: la hace esta consola.</translation>
    </message>
    <message>
        <source>Catch-up: another runner keeps the built-in projections (acci-admin projections run or another console).</source>
        <translation>Puesta al día: otro proceso mantiene las proyecciones integradas (acci-admin projections run u otra consola).</translation>
    </message>
    <message>
        <source>Catch-up: nobody runs it now. Tick the box, or run &apos;acci-admin projections run&apos;.</source>
        <translation>Puesta al día: ahora no la hace nadie. Marca la casilla, o ejecuta &apos;acci-admin projections run&apos;.</translation>
    </message>
    <message>
        <source>Catch-up stopped: %1</source>
        <translation>La puesta al día se detuvo: %1</translation>
    </message>
    <message>
        <source>Reset checkpoint</source>
        <translation>Reiniciar punto de control</translation>
    </message>
    <message>
        <source>Move the checkpoint of %1 back to the start of the log? It will replay every event (its owner replays an external projection). The action is written to the audit log.</source>
        <translation>¿Llevar el punto de control de %1 al inicio del registro? Reproducirá todos los eventos (una proyección externa la reproduce su propietario). La acción queda en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>The checkpoint of %1 is back at the start.</source>
        <translation>El punto de control de %1 ha vuelto al inicio.</translation>
    </message>
    <message>
        <source>Dead letter %1 applied.</source>
        <translation>Mensaje muerto %1 aplicado.</translation>
    </message>
    <message>
        <source>Dead letter %1 skipped.</source>
        <translation>Mensaje muerto %1 descartado.</translation>
    </message>
    <message>
        <source>Retry dead letter</source>
        <translation>Reintentar mensaje muerto</translation>
    </message>
    <message>
        <source>Apply event %1 to its projection again?</source>
        <translation>¿Aplicar de nuevo el evento %1 a su proyección?</translation>
    </message>
    <message>
        <source>Skip dead letter</source>
        <translation>Descartar mensaje muerto</translation>
    </message>
    <message>
        <source>Give up on event %1 for good? The projection will never apply it.</source>
        <translation>¿Renunciar para siempre al evento %1? La proyección no lo aplicará nunca.</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Verificar…</translation>
    </message>
    <message>
        <source>A verification is running</source>
        <translation>Hay una verificación en curso</translation>
    </message>
    <message>
        <source>Only the projections this console runs can be replayed here</source>
        <translation>Aquí solo se pueden reproducir las proyecciones que ejecuta esta consola</translation>
    </message>
    <message>
        <source>Find the rows that disagree with the events, without changing anything</source>
        <translation>Encuentra las filas que no concuerdan con los eventos, sin cambiar nada</translation>
    </message>
    <message>
        <source>No projections registered. A projection shows here once its program has registered it in the store (see &apos;acci-admin projections list&apos;).</source>
        <translation>No hay proyecciones registradas. Una proyección aparece aquí cuando su programa la registra en el almacén (vea «acci-admin projections list»).</translation>
    </message>
    <message>
        <source>No dead letters — nothing is parked.</source>
        <translation>Ningún mensaje muerto: nada aparcado.</translation>
    </message>
    <message>
        <source>Select a projection above to see the events it parked.</source>
        <translation>Selecciona una proyección arriba para ver los eventos que aparcó.</translation>
    </message>
    <message>
        <source>No actions recorded yet: rebuilds, resets, retries and skips are listed here with who ran them.</source>
        <translation>Aún no hay acciones registradas: las reconstrucciones, los reinicios, los reintentos y los descartes se listan aquí con quién los ejecutó.</translation>
    </message>
    <message>
        <source>The projections could not be read: %1</source>
        <translation>No se pudieron leer las proyecciones: %1</translation>
    </message>
    <message>
        <source>The audit log could not be read: %1</source>
        <translation>No se pudo leer el registro de auditoría: %1</translation>
    </message>
    <message>
        <source>Could not refresh the statuses (%1); those shown are the last ones read.</source>
        <translation>No se pudieron actualizar los estados (%1); los que se muestran son los últimos leídos.</translation>
    </message>
</context>
<context>
    <name>acci::ui::QuickOpen</name>
    <message>
        <source>Aggregate id, event id, correlation id, tx:position or event type</source>
        <translation>Id de agregado, id de evento, id de correlación, tx:posición o tipo de evento</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation>La búsqueda falló: %1</translation>
    </message>
    <message>
        <source>Enter opens the selected match, Shift+Enter opens an aggregate in Time travel, Escape closes.</source>
        <translation>Intro abre la coincidencia seleccionada, Mayús+Intro abre un agregado en Viaje en el tiempo, Escape cierra.</translation>
    </message>
    <message>
        <source>Nothing matches “%1”: no aggregate id starts with it, no event, correlation id or log position (TX:POS) is exactly it, and no event type contains it.</source>
        <translation>Nada coincide con «%1»: ningún id de agregado empieza así, ningún evento, id de correlación ni posición del registro (TX:POS) es exactamente eso, y ningún tipo de evento lo contiene.</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, versión %2</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>%1 in %2, version %3</source>
        <translation>%1 en %2, versión %3</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>Correlación</translation>
    </message>
    <message>
        <source>a flow of one event</source>
        <translation>un flujo de un evento</translation>
    </message>
    <message>
        <source>a flow of %1 events</source>
        <translation>un flujo de %1 eventos</translation>
    </message>
    <message>
        <source>Log position</source>
        <translation>Posición del registro</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>the global log filtered by it</source>
        <translation>el registro global filtrado por él</translation>
    </message>
    <message>
        <source>One match.</source>
        <translation>Una coincidencia.</translation>
    </message>
    <message>
        <source>%1 matches.</source>
        <translation>%1 coincidencias.</translation>
    </message>
    <message>
        <source>Enter opens the selected one; Shift+Enter opens an aggregate in Time travel.</source>
        <translation>Intro abre la seleccionada; Mayús+Intro abre un agregado en Viaje en el tiempo.</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Siguiente coincidencia</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Coincidencia anterior</translation>
    </message>
    <message>
        <source>Go to the match</source>
        <translation>Ir a la coincidencia</translation>
    </message>
    <message>
        <source>Open the match in time travel</source>
        <translation>Abrir la coincidencia en el viaje en el tiempo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>The first %1 aggregates whose id starts with “%2”; type more of the id to narrow them.</source>
        <translation>Los primeros %1 agregados cuyo id empieza por «%2»; escribe más del id para acotarlos.</translation>
    </message>
</context>
<context>
    <name>acci::ui::RebuildDialog</name>
    <message>
        <source>Replaying events</source>
        <translation>Reproduciendo eventos</translation>
    </message>
    <message>
        <source>Catching up with new events</source>
        <translation>Poniéndose al día con eventos nuevos</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Reconstruir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Rebuild %1</source>
        <translation>Reconstruir %1</translation>
    </message>
    <message>
        <source>about %1 (at the %2 events/s of the last rebuild)</source>
        <translation>unos %1 (a los %2 eventos/s de la última reconstrucción)</translation>
    </message>
    <message>
        <source>unknown (no earlier rebuild to measure)</source>
        <translation>desconocido (no hay una reconstrucción anterior que medir)</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Empezando…</translation>
    </message>
    <message>
        <source>%1 · %2 events · %3 events/s · ETA %4</source>
        <translation>%1 · %2 eventos · %3 eventos/s · faltan %4</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 was rebuilt.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 se ha reconstruido.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The rebuild was cancelled.&lt;/b&gt; The live table and its checkpoint are unchanged.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Se canceló la reconstrucción.&lt;/b&gt; La tabla en uso y su punto de control no han cambiado.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The rebuild failed&lt;/b&gt;: %1&lt;br&gt;The live table and its checkpoint are unchanged.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;La reconstrucción falló&lt;/b&gt;: %1&lt;br&gt;La tabla en uso y su punto de control no han cambiado.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Writing the new rows</source>
        <translation>Escribiendo las filas nuevas</translation>
    </message>
    <message>
        <source>Comparing with the live table</source>
        <translation>Comparando con la tabla en uso</translation>
    </message>
    <message>
        <source>Applying the differences</source>
        <translation>Aplicando las diferencias</translation>
    </message>
    <message>
        <source>&lt;p&gt;Rebuild &lt;b&gt;%1&lt;/b&gt; from the event log.&lt;/p&gt;&lt;p&gt;Events to replay: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;Rows in the live table now: &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;Estimated time: &lt;b&gt;%4&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The replay computes every row while the live table keeps serving reads; one transaction then changes only the rows that differ. The table itself, its grants, policies and views stay as they are. Cancel (or a failure) leaves it as it is.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Reconstruir &lt;b&gt;%1&lt;/b&gt; a partir del registro de eventos.&lt;/p&gt;&lt;p&gt;Eventos a reproducir: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;Filas en la tabla en uso: &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;Tiempo estimado: &lt;b&gt;%4&lt;/b&gt;&lt;/p&gt;&lt;p&gt;La reproducción calcula cada fila mientras la tabla en uso sigue sirviendo lecturas; después, una transacción cambia solo las filas que difieren. La tabla, sus permisos, políticas y vistas quedan como están. Cancelar (o un fallo) la deja como está.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;It cannot start now.&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;No puede empezar ahora.&lt;/b&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Events replayed: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Rows the events produce: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;Rows changed in the live table: &lt;b&gt;%3&lt;/b&gt; added, &lt;b&gt;%4&lt;/b&gt; corrected, &lt;b&gt;%5&lt;/b&gt; removed&lt;br&gt;Caught up afterwards: &lt;b&gt;%6&lt;/b&gt; (parked as dead letters: &lt;b&gt;%7&lt;/b&gt;)&lt;br&gt;Duration: &lt;b&gt;%8&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Eventos reproducidos: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Filas que producen los eventos: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;Filas cambiadas en la tabla en uso: &lt;b&gt;%3&lt;/b&gt; añadidas, &lt;b&gt;%4&lt;/b&gt; corregidas, &lt;b&gt;%5&lt;/b&gt; eliminadas&lt;br&gt;Puestos al día después: &lt;b&gt;%6&lt;/b&gt; (aparcados como mensajes muertos: &lt;b&gt;%7&lt;/b&gt;)&lt;br&gt;Duración: &lt;b&gt;%8&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>under a second (at the %1 events/s of the last rebuild)</source>
        <translation>menos de un segundo (a los %1 eventos/s de la última reconstrucción)</translation>
    </message>
</context>
<context>
    <name>acci::ui::SchemaPage</name>
    <message>
        <source>Migrate the database…</source>
        <translation>Migrar la base de datos…</translation>
    </message>
    <message>
        <source>&lt;h2&gt;This database needs the ACCI schema&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Esta base de datos necesita el esquema ACCI&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Migrating creates the event store&apos;s tables, or upgrades them in place. Every existing event is kept. Services that write events keep working.</source>
        <translation>La migración crea las tablas del almacén de eventos o las actualiza en su sitio. Se conservan todos los eventos existentes. Los servicios que escriben eventos siguen funcionando.</translation>
    </message>
    <message>
        <source>Migrate the database</source>
        <translation>Migrar la base de datos</translation>
    </message>
    <message>
        <source>Apply the ACCI migrations to this database now?</source>
        <translation>¿Aplicar ahora las migraciones ACCI a esta base de datos?</translation>
    </message>
    <message numerus="yes">
        <source>Applied %n migration(s).</source>
        <translation>
            <numerusform>Se aplicó %n migración.</numerusform>
            <numerusform>Se aplicaron %n migraciones.</numerusform>
        </translation>
    </message>
    <message>
        <source>Migrate</source>
        <translation>Migrar</translation>
    </message>
    <message>
        <source>Waiting for another migration to finish…</source>
        <translation>Esperando a que termine otra migración…</translation>
    </message>
    <message>
        <source>Adding the log columns…</source>
        <translation>Añadiendo las columnas del registro…</translation>
    </message>
    <message>
        <source>Numbering the existing events…</source>
        <translation>Numerando los eventos existentes…</translation>
    </message>
    <message>
        <source>Switching new events to the store&apos;s positions…</source>
        <translation>Pasando los eventos nuevos a las posiciones del almacén…</translation>
    </message>
    <message>
        <source>Building constraints and indexes (%1)…</source>
        <translation>Creando restricciones e índices (%1)…</translation>
    </message>
    <message>
        <source>Applying the migrations…</source>
        <translation>Aplicando las migraciones…</translation>
    </message>
    <message>
        <source>Installing the trigger…</source>
        <translation>Instalando el disparador…</translation>
    </message>
    <message>
        <source>Filling the aggregates list…</source>
        <translation>Llenando la lista de agregados…</translation>
    </message>
    <message>
        <source>Upgrade finished.</source>
        <translation>Actualización terminada.</translation>
    </message>
    <message>
        <source>%1 of %2, %3 per second, about %4 left</source>
        <translation>%1 de %2, %3 por segundo, quedan unos %4</translation>
    </message>
    <message>
        <source>%1 done, %2 per second</source>
        <translation>%1 hechos, %2 por segundo</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Volver a comprobar</translation>
    </message>
    <message>
        <source>&lt;h2&gt;This role may not read the event store&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Este rol no puede leer el almacén de eventos&lt;/h2&gt;</translation>
    </message>
</context>
<context>
    <name>acci::ui::SecurityIndicator</name>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Local socket: the connection does not leave this machine.</source>
        <translation>Socket local: la conexión no sale de esta máquina.</translation>
    </message>
    <message>
        <source>Not encrypted: queries, results and any password cross the network in the clear (sslmode=%1). Connect with sslmode=verify-full.</source>
        <translation>Sin cifrar: las consultas, los resultados y cualquier contraseña cruzan la red en claro (sslmode=%1). Conéctate con sslmode=verify-full.</translation>
    </message>
    <message>
        <source>Encrypted (%1, %2). The server&apos;s certificate was verified, and so was its host name.</source>
        <translation>Cifrada (%1, %2). Se verificó el certificado del servidor y también su nombre.</translation>
    </message>
    <message>
        <source>Encrypted (%1, %2). The server&apos;s certificate was verified, but not its host name (sslmode=verify-ca).</source>
        <translation>Cifrada (%1, %2). Se verificó el certificado del servidor, pero no su nombre (sslmode=verify-ca).</translation>
    </message>
    <message>
        <source>Encrypted (%1, %2), but the server&apos;s certificate was not verified (sslmode=%3): someone in between could pose as the server. Connect with sslmode=verify-full.</source>
        <translation>Cifrada (%1, %2), pero el certificado del servidor no se verificó (sslmode=%3): alguien en medio podría hacerse pasar por el servidor. Conéctate con sslmode=verify-full.</translation>
    </message>
</context>
<context>
    <name>acci::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>(not described)</source>
        <translation>(sin descripción)</translation>
    </message>
    <message>
        <source>Flow diagram</source>
        <translation>Diagrama del flujo</translation>
    </message>
    <message>
        <source>Find anything</source>
        <translation>Buscar cualquier cosa</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Filter by action or key (e.g. &quot;log&quot; or &quot;%1&quot;)</source>
        <translation>Filtrar por acción o tecla (p. ej., «registro» o «%1»)</translation>
    </message>
</context>
<context>
    <name>acci::ui::SnapshotAuditDialog</name>
    <message>
        <source>Aggregate type:</source>
        <translation>Tipo de agregado:</translation>
    </message>
    <message>
        <source>Open in Time travel</source>
        <translation>Abrir en Viaje en el tiempo</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Exportar JSON…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Verify all snapshots</source>
        <translation>Verificar todas las instantáneas</translation>
    </message>
    <message>
        <source>All types (%1 snapshots)</source>
        <translation>Todos los tipos (%1 instantáneas)</translation>
    </message>
    <message>
        <source>%1 (%2 snapshots)</source>
        <translation>%1 (%2 instantáneas)</translation>
    </message>
    <message>
        <source>All mismatches</source>
        <translation>Todas las discrepancias</translation>
    </message>
    <message>
        <source>Different</source>
        <translation>Distintas</translation>
    </message>
    <message>
        <source>Not foldable</source>
        <translation>No plegables</translation>
    </message>
    <message>
        <source>The aggregate at the snapshot&apos;s version, with the snapshot&apos;s difference shown</source>
        <translation>El agregado en la versión de la instantánea, con la diferencia de la instantánea a la vista</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Empezando…</translation>
    </message>
    <message>
        <source>&lt;p&gt;Check each stored snapshot against the fold of its aggregate&apos;s events up to the snapshot&apos;s version, with the reducer rules of the Time travel page (%1).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Comprueba cada instantánea guardada frente al plegado de los eventos de su agregado hasta la versión de la instantánea, con las reglas de reducción de la página Viaje en el tiempo (%1).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Snapshots to check: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Instantáneas a comprobar: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The store has no snapshots.&lt;/b&gt; Save one with &lt;code&gt;acci-admin snapshot save&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;El almacén no tiene instantáneas.&lt;/b&gt; Guarda una con &lt;code&gt;acci-admin snapshot save&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;It only reads, over a few connections of its own: a reader role and a standby can run it. Nothing is written.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Solo lee, por unas pocas conexiones propias: un rol lector y una réplica pueden ejecutarla. No se escribe nada.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 of %2 snapshots · %3 snapshots/s · ETA %4</source>
        <translation>%1 de %2 instantáneas · %3 instantáneas/s · faltan %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The check was cancelled&lt;/b&gt; after %1 of %2 snapshots. Nothing was changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Se canceló la comprobación&lt;/b&gt; tras %1 de %2 instantáneas. No se cambió nada.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Every snapshot matches the fold of its events.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Todas las instantáneas coinciden con el plegado de sus eventos.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Every snapshot of %1 matches the fold of its events.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Todas las instantáneas de %1 coinciden con el plegado de sus eventos.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 of %2 snapshots do not match the fold of their events.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 de %2 instantáneas no coinciden con el plegado de sus eventos.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>all aggregate types</source>
        <translation>todos los tipos de agregado</translation>
    </message>
    <message>
        <source>type %1</source>
        <translation>tipo %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The check failed&lt;/b&gt;: %1&lt;/p&gt;&lt;p&gt;Nothing was changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;La comprobación falló&lt;/b&gt;: %1&lt;/p&gt;&lt;p&gt;No se cambió nada.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The snapshot of %1 at version %2 compared with the fold (fold → snapshot):</source>
        <translation>La instantánea de %1 en la versión %2 comparada con el plegado (plegado → instantánea):</translation>
    </message>
    <message>
        <source>(the first %1 differences; Time travel shows them all)</source>
        <translation>(las primeras %1 diferencias; Viaje en el tiempo las muestra todas)</translation>
    </message>
    <message>
        <source>The snapshot of %1 at version %2 (%3): %4</source>
        <translation>La instantánea de %1 en la versión %2 (%3): %4</translation>
    </message>
    <message>
        <source>Export the report as JSON</source>
        <translation>Exportar el informe como JSON</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>Exportar el informe como CSV</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;1&apos;&gt;&lt;tr&gt;&lt;td&gt;Checked:&amp;nbsp;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;(%2)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Equal:&amp;nbsp;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Different:&amp;nbsp;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%4&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Not foldable:&amp;nbsp;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%5&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Duration:&amp;nbsp;&lt;/td&gt;&lt;td colspan=&apos;2&apos;&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Connections:&amp;nbsp;&lt;/td&gt;&lt;td colspan=&apos;2&apos;&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Reducer rules: %8 (those of the Time travel page)&lt;/p&gt;</source>
        <translation>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;1&apos;&gt;&lt;tr&gt;&lt;td&gt;Comprobadas:&amp;nbsp;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;(%2)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Iguales:&amp;nbsp;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Distintas:&amp;nbsp;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%4&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;No plegables:&amp;nbsp;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%5&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Duración:&amp;nbsp;&lt;/td&gt;&lt;td colspan=&apos;2&apos;&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Conexiones:&amp;nbsp;&lt;/td&gt;&lt;td colspan=&apos;2&apos;&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Reglas de reducción: %8 (las de la página Viaje en el tiempo)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No snapshot of this kind.</source>
        <translation>Ninguna instantánea de esta clase.</translation>
    </message>
</context>
<context>
    <name>acci::ui::SnapshotBadge</name>
    <message>
        <source>Show difference</source>
        <translation>Ver diferencia</translation>
    </message>
    <message>
        <source>No stored snapshot</source>
        <translation>Sin instantánea guardada</translation>
    </message>
    <message>
        <source>Snapshot at version %1 matches the fold</source>
        <translation>La instantánea de la versión %1 coincide con el plegado</translation>
    </message>
    <message numerus="yes">
        <source>Snapshot at version %1 differs from the fold in %n field(s)</source>
        <translation>
            <numerusform>La instantánea de la versión %1 difiere del plegado en %n campo</numerusform>
            <numerusform>La instantánea de la versión %1 difiere del plegado en %n campos</numerusform>
        </translation>
    </message>
    <message>
        <source>Snapshot at version %1 is beyond the stream</source>
        <translation>La instantánea de la versión %1 está más allá del flujo</translation>
    </message>
    <message>
        <source>From the snapshot at version %1; loading the full history…</source>
        <translation>Desde la instantánea de la versión %1; cargando el historial completo…</translation>
    </message>
</context>
<context>
    <name>acci::ui::SnapshotHistogram</name>
    <message>
        <source>Snapshot sizes</source>
        <translation>Tamaños de las instantáneas</translation>
    </message>
    <message>
        <source>snapshots</source>
        <translation>instantáneas</translation>
    </message>
    <message>
        <source>size of the stored state</source>
        <translation>tamaño del estado guardado</translation>
    </message>
    <message>
        <source>%1: %2 snapshot(s)</source>
        <translation>%1: %2 instantáneas</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
</context>
<context>
    <name>acci::ui::StatePane</name>
    <message>
        <source>Include all events</source>
        <translation>Incluir todos los eventos</translation>
    </message>
    <message>
        <source>Select a field to see which event set it.</source>
        <translation>Selecciona un campo para ver qué evento lo fijó.</translation>
    </message>
    <message>
        <source>Go to that event</source>
        <translation>Ir a ese evento</translation>
    </message>
    <message numerus="yes">
        <source>What-if: %n event(s) left out. The state below is recomputed without them; nothing is written.</source>
        <translation>
            <numerusform>¿Y si…?: %n evento fuera. El estado de abajo se recalcula sin él; no se escribe nada.</numerusform>
            <numerusform>¿Y si…?: %n eventos fuera. El estado de abajo se recalcula sin ellos; no se escribe nada.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; comes from the snapshot at version %2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; viene de la instantánea de la versión %2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: no event set it.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: ningún evento lo fijó.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; was set by version %2, &lt;b&gt;%3&lt;/b&gt;, at %4%5.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; lo fijó la versión %2, &lt;b&gt;%3&lt;/b&gt;, el %4%5.</translation>
    </message>
    <message>
        <source> by %1</source>
        <translation> por %1</translation>
    </message>
</context>
<context>
    <name>acci::ui::StreamModel</name>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>Correlación</translation>
    </message>
</context>
<context>
    <name>acci::ui::TimeTravelPage</name>
    <message>
        <source>Events (untick to leave one out)</source>
        <translation>Eventos (desmarca uno para dejarlo fuera)</translation>
    </message>
    <message>
        <source>Aggregate id</source>
        <translation>Id del agregado</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>&lt;i&gt;Open an aggregate here, or choose “Time travel” on any event.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Abre aquí un agregado, o elige «Viaje en el tiempo» en cualquier evento.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Reducer rules…</source>
        <translation>Reglas de reducción…</translation>
    </message>
    <message>
        <source>Load a JSON file of reducer rules (set, merge, unset, increment, append, remove per event type) to fold aggregates that are not merged by default</source>
        <translation>Carga un archivo JSON de reglas de reducción (set, merge, unset, increment, append, remove por tipo de evento) para plegar agregados que no se fusionan por defecto</translation>
    </message>
    <message>
        <source>Show in stream</source>
        <translation>Ver en el flujo</translation>
    </message>
    <message>
        <source>Open this version&apos;s event in the aggregate browser</source>
        <translation>Abre el evento de esta versión en el explorador de agregados</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Compare versions</source>
        <translation>Comparar versiones</translation>
    </message>
    <message>
        <source>Untick events in the list to see how the state would differ without them. Nothing is written to the store.</source>
        <translation>Desmarca eventos en la lista para ver cómo sería el estado sin ellos. No se escribe nada en el almacén.</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>¿Y si…?</translation>
    </message>
    <message>
        <source>The event at this version</source>
        <translation>El evento de esta versión</translation>
    </message>
    <message>
        <source>Rules in use: %1</source>
        <translation>Reglas en uso: %1</translation>
    </message>
    <message>
        <source>Reducer rules</source>
        <translation>Reglas de reducción</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Archivos JSON (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Reducer rules loaded from %1.</source>
        <translation>Reglas de reducción cargadas de %1.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Cargando %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; could not be opened.</source>
        <translation>No se pudo abrir &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;%2 &amp;nbsp;·&amp;nbsp; %n event(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;%2 &amp;nbsp;·&amp;nbsp; %n evento</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;%2 &amp;nbsp;·&amp;nbsp; %n eventos</numerusform>
        </translation>
    </message>
    <message>
        <source>At version %1 the state is the same without the events left out.</source>
        <translation>En la versión %1 el estado es el mismo sin los eventos dejados fuera.</translation>
    </message>
    <message>
        <source>At version %1, real state → state without the events left out:

%2</source>
        <translation>En la versión %1, estado real → estado sin los eventos dejados fuera:

%2</translation>
    </message>
    <message>
        <source>the built-in rules</source>
        <translation>las reglas integradas</translation>
    </message>
    <message>
        <source>Verify all snapshots…</source>
        <translation>Verificar todas las instantáneas…</translation>
    </message>
    <message>
        <source>Check every stored snapshot against the fold of its events, with these reducer rules; list the ones that differ</source>
        <translation>Comprueba cada instantánea guardada frente al plegado de sus eventos, con estas reglas de reducción; lista las que difieren</translation>
    </message>
    <message>
        <source>Nothing open. Choose an aggregate on the Aggregates page and press Time travel, or press Ctrl+K and Shift+Enter on one: its history plays here.</source>
        <translation>Nada abierto. Elige un agregado en la página Agregados y pulsa Viaje en el tiempo, o pulsa Ctrl+K y Mayús+Intro sobre uno: su historia se reproduce aquí.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n aviso</numerusform>
            <numerusform>%n avisos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>acci::ui::TimeTravelSession</name>
    <message>
        <source>No warnings after version %1.</source>
        <translation>No hay avisos después de la versión %1.</translation>
    </message>
    <message>
        <source>%1 did not exist yet at %2.</source>
        <translation>%1 aún no existía el %2.</translation>
    </message>
    <message>
        <source>At %1 the aggregate was at version %2.</source>
        <translation>El %1 el agregado estaba en la versión %2.</translation>
    </message>
    <message>
        <source>Showing %1 from its snapshot at version %2; the full history is loading.</source>
        <translation>Se muestra %1 desde su instantánea de la versión %2; el historial completo se está cargando.</translation>
    </message>
    <message>
        <source>The full history of %1 could not be read: %2</source>
        <translation>No se pudo leer el historial completo de %1: %2</translation>
    </message>
</context>
<context>
    <name>acci::ui::TimelineModel</name>
    <message>
        <source>Untick to see the state as if this event had not happened (nothing is written).</source>
        <translation>Desmarca para ver el estado como si este evento no hubiera ocurrido (no se escribe nada).</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
</context>
<context>
    <name>acci::ui::TimelineStrip</name>
    <message>
        <source>Orange: events with warnings · grey: events left out · diamond: the stored snapshot. Click to go there.</source>
        <translation>Naranja: eventos con avisos · gris: eventos dejados fuera · rombo: la instantánea guardada. Haz clic para ir allí.</translation>
    </message>
</context>
<context>
    <name>acci::ui::TransportPane</name>
    <message>
        <source>First version (Home)</source>
        <translation>Primera versión (Inicio)</translation>
    </message>
    <message>
        <source>Step back (←)</source>
        <translation>Paso atrás (←)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Reproducir / pausar (Espacio)</translation>
    </message>
    <message>
        <source>Step forward (→)</source>
        <translation>Paso adelante (→)</translation>
    </message>
    <message>
        <source>Newest version (End)</source>
        <translation>Versión más reciente (Fin)</translation>
    </message>
    <message>
        <source>%1 events/s</source>
        <translation>%1 eventos/s</translation>
    </message>
    <message>
        <source>Play speed</source>
        <translation>Velocidad de reproducción</translation>
    </message>
    <message>
        <source>version </source>
        <translation>versión </translation>
    </message>
    <message>
        <source>Show the state as it was at this date and time</source>
        <translation>Muestra el estado tal como era en esta fecha y hora</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>Ir a la fecha</translation>
    </message>
    <message>
        <source>Next warning</source>
        <translation>Siguiente aviso</translation>
    </message>
    <message>
        <source>Go to the next version whose fold reported a warning</source>
        <translation>Ve a la siguiente versión cuyo plegado dio un aviso</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>A fecha de</translation>
    </message>
    <message>
        <source>Drag through the versions; ←/→ step, Home/End jump, PgUp/PgDn move by 10</source>
        <translation>Arrastra por las versiones; ←/→ avanzan de una en una, Inicio/Fin saltan, RePág/AvPág mueven de 10 en 10</translation>
    </message>
</context>
<context>
    <name>acci::ui::VerifyDialog</name>
    <message>
        <source>Open in Time travel</source>
        <translation>Abrir en Viaje en el tiempo</translation>
    </message>
    <message>
        <source>Open stream</source>
        <translation>Abrir flujo</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Exportar JSON…</translation>
    </message>
    <message>
        <source>Rebuild now…</source>
        <translation>Reconstruir ahora…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Verify %1</source>
        <translation>Verificar %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Compare &lt;b&gt;%1&lt;/b&gt; with what its events give, at the table&apos;s own checkpoint.&lt;/p&gt;&lt;p&gt;Rows in the table: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;Events to replay: &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;Estimated time: &lt;b&gt;%4&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Both sides are read from one snapshot, so catch-up and writers running meanwhile cause no false report. Nothing is written to the table.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Compara &lt;b&gt;%1&lt;/b&gt; con lo que dan sus eventos, en el propio punto de control de la tabla.&lt;/p&gt;&lt;p&gt;Filas en la tabla: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;Eventos a reproducir: &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;Tiempo estimado: &lt;b&gt;%4&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ambos lados se leen de una misma instantánea de la base de datos, así que ni la puesta al día ni los escritores que trabajen mientras tanto causan informes falsos. No se escribe nada en la tabla.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>All differences</source>
        <translation>Todas las diferencias</translation>
    </message>
    <message>
        <source>Missing from the table</source>
        <translation>Faltan en la tabla</translation>
    </message>
    <message>
        <source>Extra in the table</source>
        <translation>Sobran en la tabla</translation>
    </message>
    <message>
        <source>Different values</source>
        <translation>Valores distintos</translation>
    </message>
    <message>
        <source>The row&apos;s story: its aggregate at the version that last changed it</source>
        <translation>La historia de la fila: su agregado en la versión que la cambió por última vez</translation>
    </message>
    <message>
        <source>Make the table agree with its events (with a pre-flight)</source>
        <translation>Hace que la tabla concuerde con sus eventos (con una comprobación previa)</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>In the table</source>
        <translation>En la tabla</translation>
    </message>
    <message>
        <source>From the events</source>
        <translation>Según los eventos</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Empezando…</translation>
    </message>
    <message>
        <source>Replaying and comparing · %1 events · %2 events/s · ETA %3</source>
        <translation>Reproduciendo y comparando · %1 eventos · %2 eventos/s · faltan %3</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 agrees with its events.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 concuerda con sus eventos.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 differs from its events&lt;/b&gt;: %2 missing, %3 extra, %4 different.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 difiere de sus eventos&lt;/b&gt;: faltan %2, sobran %3, %4 distintas.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The verification was cancelled.&lt;/b&gt; Nothing was changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Se canceló la verificación.&lt;/b&gt; No se cambió nada.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The verification failed&lt;/b&gt;: %1&lt;br&gt;Nothing was changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;La verificación falló&lt;/b&gt;: %1&lt;br&gt;No se cambió nada.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;The first %1 differences are listed; the counts are exact.</source>
        <translation>&lt;br&gt;Se listan las primeras %1 diferencias; los recuentos son exactos.</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 events could not be folded, for example: %2</source>
        <translation>&lt;br&gt;%1 eventos no se pudieron plegar, por ejemplo: %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;At checkpoint &lt;b&gt;%1&lt;/b&gt;: &lt;b&gt;%2&lt;/b&gt; rows in the table, &lt;b&gt;%3&lt;/b&gt; from &lt;b&gt;%4&lt;/b&gt; events, in %5.%6&lt;/p&gt;</source>
        <translation>&lt;p&gt;En el punto de control &lt;b&gt;%1&lt;/b&gt;: &lt;b&gt;%2&lt;/b&gt; filas en la tabla, &lt;b&gt;%3&lt;/b&gt; a partir de &lt;b&gt;%4&lt;/b&gt; eventos, en %5.%6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>The table has no such row.</source>
        <translation>La tabla no tiene esa fila.</translation>
    </message>
    <message>
        <source>No event gives this row.</source>
        <translation>Ningún evento produce esta fila.</translation>
    </message>
    <message>
        <source>No event gives this row: there is no story to open</source>
        <translation>Ningún evento produce esta fila: no hay historia que abrir</translation>
    </message>
    <message>
        <source>Export the report as JSON</source>
        <translation>Exportar el informe como JSON</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>Exportar el informe como CSV</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>No difference of this kind.</source>
        <translation>Ninguna diferencia de esta clase.</translation>
    </message>
</context>
<context>
    <name>acci::ui::flow::FlowScene</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n evento</numerusform>
            <numerusform>%n eventos</numerusform>
        </translation>
    </message>
    <message>
        <source>v%1 · %2</source>
        <translation>v%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2: %n event(s) in this flow</source>
        <translation>
            <numerusform>%1 %2: %n evento en este flujo</numerusform>
            <numerusform>%1 %2: %n eventos en este flujo</numerusform>
        </translation>
    </message>
    <message>
        <source>caused</source>
        <translation>causó</translation>
    </message>
    <message>
        <source>cause later than its effect</source>
        <translation>causa posterior a su efecto</translation>
    </message>
    <message>
        <source>cause outside this flow</source>
        <translation>causa fuera de este flujo</translation>
    </message>
    <message>
        <source>no causation id</source>
        <translation>sin id de causa</translation>
    </message>
    <message>
        <source>events without arrows, collapsed (click to open)</source>
        <translation>eventos sin flechas, agrupados (clic para abrir)</translation>
    </message>
    <message numerus="yes">
        <source>%n aggregate(s)</source>
        <translation>
            <numerusform>%n agregado</numerusform>
            <numerusform>%n agregados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n arrow(s)</source>
        <translation>
            <numerusform>%n flecha</numerusform>
            <numerusform>%n flechas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) in collapsed runs</source>
        <translation>
            <numerusform>%n evento en series agrupadas</numerusform>
            <numerusform>%n eventos en series agrupadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n event(s)&lt;/b&gt; of %1 that no arrow touches</source>
        <translation>
            <numerusform>&lt;b&gt;%n evento&lt;/b&gt; de %1 que ninguna flecha toca</numerusform>
            <numerusform>&lt;b&gt;%n eventos&lt;/b&gt; de %1 que ninguna flecha toca</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them caused from outside this flow</source>
        <translation>
            <numerusform>%n de ellos causado desde fuera de este flujo</numerusform>
            <numerusform>%n de ellos causados desde fuera de este flujo</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to show them one by one.</source>
        <translation>Haz clic para verlos uno a uno.</translation>
    </message>
    <message>
        <source>Caused by %1 of %2 v%3</source>
        <translation>Causado por %1 de %2 v%3</translation>
    </message>
    <message>
        <source>which is later than this event</source>
        <translation>que es posterior a este evento</translation>
    </message>
    <message>
        <source>Caused by %1, which is no event of this flow</source>
        <translation>Causado por %1, que no es ningún evento de este flujo</translation>
    </message>
    <message>
        <source>No causation id</source>
        <translation>Sin id de causa</translation>
    </message>
    <message>
        <source>Its causation id is its own id</source>
        <translation>Su id de causa es su propio id</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
    <message>
        <source>Click to see the event; double-click to open it in Time travel.</source>
        <translation>Haz clic para ver el evento y doble clic para abrirlo en el viaje en el tiempo.</translation>
    </message>
    <message>
        <source>Flow diagram</source>
        <translation>Diagrama del flujo</translation>
    </message>
</context>
<context>
    <name>acci::ui::flow::FlowView</name>
    <message>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>Zoom to 100 %</source>
        <translation>Zoom al 100 %</translation>
    </message>
    <message>
        <source>Fit the diagram</source>
        <translation>Ajustar el diagrama</translation>
    </message>
    <message>
        <source>The event before in time</source>
        <translation>El evento anterior en el tiempo</translation>
    </message>
    <message>
        <source>The event after in time</source>
        <translation>El evento siguiente en el tiempo</translation>
    </message>
    <message>
        <source>Open the selected event</source>
        <translation>Abrir el evento seleccionado</translation>
    </message>
</context>
</TS>
