//! The workspace's glossary: phrases found in movements, explained for clients.
//! Every workspace starts with a short pt-BR glossary (`STARTER`), given once.
use crate::model::fields::required_text;
use crate::model::movement::{EXPLANATION_MAX, GlossaryEntry, GlossaryInput, PHRASE_MAX};
use crate::model::AppError;
use crate::server::auth::Staff;
use crate::server::db::{Db, Tx, is_unique_violation, new_id, now_ms};
use sqlx::{Any, Executor};

/// Common phrases of Brazilian court movements and what they mean to a client.
pub const STARTER: &[(&str, &str)] = &[
    ("Conclusos para despacho", "O processo foi enviado ao juiz para uma ordem de andamento (um despacho). Não é ainda uma decisão sobre o pedido."),
    ("Conclusos para decisão", "O processo está com o juiz para decidir uma questão no meio do processo."),
    ("Conclusos para sentença", "O processo está com o juiz para o julgamento (a sentença)."),
    ("Juntada de petição", "Um pedido ou manifestação de uma das partes foi anexado ao processo."),
    ("Juntada de documento", "Um documento foi anexado ao processo."),
    ("Expedição de mandado", "O cartório emitiu uma ordem para um oficial de justiça cumprir (por exemplo, uma citação ou intimação)."),
    ("Mandado devolvido", "O oficial de justiça devolveu a ordem ao cartório; o resultado está no processo."),
    ("Citação", "A outra parte é chamada oficialmente para participar do processo e se defender."),
    ("Intimação", "Uma das partes ou seu advogado é comunicada oficialmente de um ato do processo, às vezes com prazo para agir."),
    ("Disponibilizado no Diário", "O ato foi publicado no diário oficial da Justiça; os prazos costumam contar a partir da publicação."),
    ("Decorrido prazo", "Terminou o prazo que alguém tinha para agir no processo."),
    ("Audiência designada", "Foi marcada uma audiência. Avisaremos você sobre a data e o que fazer."),
    ("Audiência realizada", "A audiência aconteceu."),
    ("Ato ordinatório", "Um ato de rotina do cartório, sem decisão do juiz, para dar andamento ao processo."),
    ("Vista ao Ministério Público", "O processo foi enviado ao Ministério Público para que ele dê sua opinião."),
    ("Remetidos os autos", "O processo foi enviado a outro setor, órgão ou tribunal."),
    ("Recebidos os autos", "O processo chegou a este setor ou tribunal."),
    ("Distribuído por sorteio", "O processo foi registrado e entregue a uma vara ou a um juiz por sorteio."),
    ("Embargos de declaração", "Uma das partes pediu ao juiz que esclareça ou corrija a decisão."),
    ("Julgado procedente", "O juiz aceitou o pedido."),
    ("Julgado improcedente", "O juiz negou o pedido."),
    ("Processo suspenso", "O processo está parado por um tempo, por lei ou por decisão do juiz."),
    ("Trânsito em julgado", "A decisão se tornou definitiva: não cabe mais recurso."),
    ("Baixa definitiva", "O processo foi encerrado neste tribunal ou instância."),
    ("Arquivado definitivamente", "O processo foi encerrado e enviado ao arquivo."),
    // The movement names of the CNJ's unified tables, as DataJud gives them.
    ("Conclusão", "O processo foi enviado ao juiz, para um despacho, uma decisão ou a sentença."),
    ("Distribuição", "O processo foi registrado e entregue a uma vara ou a um juiz."),
    ("Decurso de prazo", "Terminou o prazo que alguém tinha para agir no processo."),
    ("Mero expediente", "Um despacho de rotina do juiz, só para dar andamento ao processo."),
    ("Remessa", "O processo foi enviado a outro setor, órgão ou tribunal."),
    ("Recebimento", "O processo chegou a este setor ou tribunal."),
    ("Arquivamento", "O processo foi enviado ao arquivo."),
    ("Expedição de documento", "O cartório emitiu um documento, como uma carta, um ofício ou um mandado."),
];

/// Gives the starter glossary to every workspace that has not had it yet (at
/// start-up: workspaces made before the glossary existed).
pub async fn seed_starter(db: &Db) -> Result<(), AppError> {
    let pending: Vec<(String,)> = sqlx::query_as("SELECT id FROM workspaces WHERE glossary_seeded = 0").fetch_all(&db.pool).await?;
    for (ws,) in pending {
        let mut tx = db.begin().await?;
        give_starter(&mut tx, &ws).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Gives workspace `ws` the starter glossary, once (entries staff delete stay
/// deleted); phrases already there are kept as they are.
pub async fn give_starter(tx: &mut Tx, ws: &str) -> Result<(), AppError> {
    let (done,): (i64,) = sqlx::query_as("SELECT glossary_seeded FROM workspaces WHERE id = $1").bind(ws).fetch_one(&mut **tx).await?;
    if done != 0 {
        return Ok(());
    }
    let now = now_ms();
    for (phrase, explanation) in STARTER {
        let key = phrase.to_lowercase();
        let (taken,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM glossary WHERE workspace_id = $1 AND phrase_key = $2")
            .bind(ws)
            .bind(&key)
            .fetch_one(&mut **tx)
            .await?;
        if taken == 0 {
            sqlx::query(
                "INSERT INTO glossary (id, workspace_id, phrase, phrase_key, explanation, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(new_id())
            .bind(ws)
            .bind(*phrase)
            .bind(&key)
            .bind(*explanation)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
    }
    sqlx::query("UPDATE workspaces SET glossary_seeded = 1 WHERE id = $1").bind(ws).execute(&mut **tx).await?;
    Ok(())
}

/// The workspace's (lower-cased phrase, explanation) pairs, longest phrase first:
/// what `model::movement::explain` matches against.
pub async fn terms<'e, E>(exec: E, workspace_id: &str) -> Result<Vec<(String, String)>, AppError>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as("SELECT phrase_key, explanation FROM glossary WHERE workspace_id = $1 ORDER BY LENGTH(phrase_key) DESC, phrase_key")
        .bind(workspace_id)
        .fetch_all(exec)
        .await?)
}

/// The glossary, by phrase.
pub async fn list(db: &Db, staff: &Staff) -> Result<Vec<GlossaryEntry>, AppError> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, phrase, explanation FROM glossary WHERE workspace_id = $1 ORDER BY phrase_key")
            .bind(staff.workspace_id())
            .fetch_all(&db.pool)
            .await?;
    Ok(rows.into_iter().map(|(id, phrase, explanation)| GlossaryEntry { id, phrase, explanation }).collect())
}

fn parse(input: &GlossaryInput) -> Result<(String, String), AppError> {
    let phrase = required_text("phrase", &input.phrase, PHRASE_MAX)?;
    let explanation = required_text("explanation", &input.explanation, EXPLANATION_MAX)?;
    Ok((phrase, explanation))
}

fn taken(e: sqlx::Error) -> AppError {
    if is_unique_violation(&e) { AppError::conflict("phrase", "phrase_taken") } else { e.into() }
}

/// Adds an entry; returns its id. A phrase already in the glossary (whatever its
/// case) is refused.
pub async fn add(db: &Db, staff: &Staff, input: &GlossaryInput) -> Result<String, AppError> {
    let (phrase, explanation) = parse(input)?;
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO glossary (id, workspace_id, phrase, phrase_key, explanation, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(&id)
    .bind(staff.workspace_id())
    .bind(&phrase)
    .bind(phrase.to_lowercase())
    .bind(&explanation)
    .bind(now)
    .execute(&db.pool)
    .await
    .map_err(taken)?;
    Ok(id)
}

/// Edits entry `id`.
pub async fn update(db: &Db, staff: &Staff, id: &str, input: &GlossaryInput) -> Result<(), AppError> {
    let (phrase, explanation) = parse(input)?;
    let done = sqlx::query(
        "UPDATE glossary SET phrase = $1, phrase_key = $2, explanation = $3, updated_at = $4 WHERE id = $5 AND workspace_id = $6",
    )
    .bind(&phrase)
    .bind(phrase.to_lowercase())
    .bind(&explanation)
    .bind(now_ms())
    .bind(id)
    .bind(staff.workspace_id())
    .execute(&db.pool)
    .await
    .map_err(taken)?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Deletes entry `id`.
pub async fn delete(db: &Db, staff: &Staff, id: &str) -> Result<(), AppError> {
    let done = sqlx::query("DELETE FROM glossary WHERE id = $1 AND workspace_id = $2")
        .bind(id)
        .bind(staff.workspace_id())
        .execute(&db.pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
